/**
 * The exchange record (sandbox/contract/exchange.ts) for one request that real Flask answered in
 * the learner's browser, so the change strip and the inspector show it like the server's: built
 * from the request, Flask's answer, the Cookie header the page sent and what the jar did with the
 * answer's Set-Cookie. Browser-safe.
 */
import { cookieValue } from '../../../sandbox/contract/cookie-header.ts';
import type { DisplaySession } from '../../../sandbox/contract/display-json.ts';
import type { Exchange, SandboxAction, SessionStatus } from '../../../sandbox/contract/exchange.ts';
import { lastSetCookie } from '../../../sandbox/contract/set-cookie.ts';
import { sizeWarningOf } from '../../../sandbox/flask-session/set-cookie.ts';
import { describeDiff, diffSessions } from '../inspector/diff.ts';
import { browserCookieAnatomy } from './cookie-anatomy.ts';
import type { JarOutcome } from './cookie-jar.ts';
import { sessionInCookie } from './session-in-cookie.ts';
import type { WsgiRequest, WsgiResponse } from './types.ts';

export interface BrowserExchangeInput {
  request: WsgiRequest;
  response: WsgiResponse;
  /** The `Cookie` header the page sent with the request ('' or null: none). */
  cookieSent: string | null;
  /** What the jar did with the response's `Set-Cookie` headers (`CookieJar.receive`). */
  jarOutcomes: readonly JarOutcome[];
  /** The app's session cookie name (Flask's SESSION_COOKIE_NAME); 'session' unless changed. */
  cookieName?: string;
  /**
   * How Flask judged the cookie sent, when the caller knows (the page cannot check a signature);
   * without it, a cookie that decodes counts as 'valid' and its contents as the session before.
   * `keyIndex`: which key verified it (0 the current key, i the i-th fallback), when known.
   */
  opened?: { status: SessionStatus; before: DisplaySession; keyIndex?: number };
  /** The clock (Unix ms) and the record's id; tests fix them. */
  now?: number;
  id?: string;
}

/** The handout app's routes, by path; any other path is the learner's own ('other'). */
const actionsByPath: Record<string, SandboxAction> = {
  '/': 'show',
  '/store': 'store',
  '/store-second': 'store-second',
  '/flash': 'flash',
  '/clear': 'clear',
  '/permanent': 'permanent',
  '/login': 'login',
  '/logout': 'logout',
  '/members': 'members',
};

/**
 * The action a request to the learner's app stands for, as the server's engine names it.
 * @example actionOf('POST', '/store', 302) // 'store'
 * @example actionOf('POST', '/login', 401) // 'login-failed'
 */
export function actionOf(method: string, path: string, status: number): SandboxAction {
  const action = actionsByPath[path] ?? 'other';
  return action === 'login' && method.toUpperCase() === 'POST' && status === 401 ? 'login-failed' : action;
}

const headerValues = (headers: readonly [string, string][], name: string): string[] =>
  headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);

/** What the browser holds for the session cookie after the jar's outcomes, starting from what it sent. */
function heldAfter(sent: string | null, outcomes: readonly JarOutcome[], name: string): string | null {
  let held = sent;
  for (const outcome of outcomes) {
    if (outcome.name !== name) continue;
    if (outcome.kind === 'stored') held = outcome.value;
    else if (outcome.kind === 'deleted' && outcome.held) held = null;
  }
  return held;
}

/** One sentence on the session cookie's fate in the jar. */
function cookieFate(outcome: JarOutcome | undefined): string {
  switch (outcome?.kind) {
    case undefined:
      return 'no cookie was set, so the browser keeps what it had';
    case 'stored':
      return 'the browser stored the new cookie';
    case 'deleted':
      return outcome.held
        ? 'the browser deleted the cookie'
        : 'the Set-Cookie deletes a cookie the browser does not hold (another Path?), so its cookie stays';
    case 'too-big':
      return `the browser dropped the new cookie (${outcome.bytes} bytes, over 4 KB) and keeps its old one`;
    case 'rejected':
      return `the browser refused the new cookie (${outcome.reason})`;
  }
}

/**
 * The exchange for one request real Flask answered in the browser (engine 'browser-flask').
 * `codeLines` is [] (which lines of the learner's code ran is not known).
 */
export function exchangeOf(input: BrowserExchangeInput): Exchange {
  const { request, response, jarOutcomes } = input;
  const name = input.cookieName ?? 'session';
  const cookieSent = input.cookieSent || null;
  const sentValue = cookieValue(cookieSent, name) ?? null;
  const sentSession = sentValue === null ? undefined : sessionInCookie(sentValue);
  const opened = input.opened ?? {
    status: sentValue === null ? 'none' : sentSession === undefined ? 'bad-payload' : 'valid',
    before: sentSession ?? {},
  };
  const setCookies = headerValues(response.headers, 'set-cookie');
  const sessionOutcome = jarOutcomes.findLast((outcome) => outcome.name === name);
  const setValue = lastSetCookie(setCookies, name)?.value;
  const setHeader = setCookies.findLast((header) => lastSetCookie([header], name) !== undefined);
  // Werkzeug warned in the worker as it does on a server; the strip says the browser drops it.
  const cookieWarning =
    setHeader === undefined || setValue === undefined ? undefined : sizeWarningOf(name, setValue, setHeader);
  // The session as the app left it: what its last Set-Cookie carries (deleted: empty), else unchanged.
  const after: DisplaySession =
    sessionOutcome?.kind === 'deleted'
      ? {}
      : setValue !== undefined
        ? (sessionInCookie(setValue) ?? {})
        : opened.before;
  const location = headerValues(response.headers, 'location')[0];
  const vary = headerValues(response.headers, 'vary');
  const method = request.method.toUpperCase();
  const changes = diffSessions(opened.before, after);
  const changed = changes.length
    ? `the session changed (${describeDiff(changes)})`
    : 'the session did not change';
  const answered = `${response.status}${location === undefined ? '' : ` → ${location}`}`;
  const failed = response.error ? ` (${response.error.message})` : '';
  const at = input.now ?? Date.now();
  // As the server's engine: the cookie this answer set, else the one sent (judged by Flask, when told).
  const anatomy = setValue
    ? browserCookieAnatomy(setValue, at / 1000)
    : sentValue
      ? browserCookieAnatomy(sentValue, at / 1000, input.opened)
      : undefined;
  return {
    id: input.id ?? crypto.randomUUID(),
    engine: 'browser-flask',
    at,
    action: actionOf(method, request.path, response.status),
    method,
    path: request.path,
    status: response.status,
    ...(location === undefined ? {} : { location }),
    requestCookie: cookieSent,
    setCookies,
    vary: vary.length ? vary.join(', ') : null,
    session: {
      status: opened.status,
      ...(opened.keyIndex === undefined ? {} : { keyIndex: opened.keyIndex }),
      before: opened.before,
      after,
    },
    cookieAfter: heldAfter(sentValue, jarOutcomes, name),
    ...(anatomy === undefined ? {} : { anatomy }),
    codeLines: [],
    ...(cookieWarning === undefined ? {} : { cookieWarning }),
    summary: `Real Flask in your browser answered ${method} ${request.path} with ${answered}${failed}: ${changed}; ${cookieFate(sessionOutcome)}.`,
  };
}
