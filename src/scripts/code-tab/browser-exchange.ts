/**
 * One request to real Flask in the browser as the contract's Exchange (engine 'browser-flask'), so
 * the change strip and the inspector show it beside the server engine's. A stand-in until the
 * shared builder (src/lib/pyflask/exchange-of.ts) is in: the session's judgement and contents come
 * from the bridge, which watched Flask's own session interface during the request.
 */
import type { DisplaySession } from '../../../sandbox/contract/display-json.ts';
import type { Exchange, SandboxAction } from '../../../sandbox/contract/exchange.ts';
import { deletesCookie, lastSetCookie } from '../../../sandbox/contract/set-cookie.ts';
import type { WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';

/** The handout's routes, by what they do; any other path of the learner's is a 'show'. */
const actions: Record<string, SandboxAction> = {
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

const headerValues = (headers: readonly [string, string][], name: string) =>
  headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);

const asDisplay = (session: Record<string, unknown> | undefined): DisplaySession =>
  JSON.parse(JSON.stringify(session ?? {})) as DisplaySession;

/** What happened, in one sentence, for the timeline and screen readers. */
function summaryOf(request: WsgiRequest, response: WsgiResponse, setCookies: string[]): string {
  const line = `Real Flask in your browser answered ${request.method} ${request.path} with ${response.status}`;
  if (response.error) return `${line}: ${response.error.message}.`;
  const judged = response.session?.status;
  const opening =
    judged === 'bad-signature'
      ? 'The cookie sent was not signed with the key in force, so the app got an empty session. '
      : judged === 'expired'
        ? 'The cookie sent was too old, so the app got an empty session. '
        : '';
  const session = lastSetCookie(setCookies, 'session');
  const cookie = !session
    ? 'no cookie was set'
    : deletesCookie(session)
      ? 'the session cookie was deleted'
      : 'a new signed session cookie was sent';
  return `${opening}${line}; ${cookie}.`;
}

/** The Exchange for one request and its answer; `cookieAfter` is the session cookie the jar now holds. */
export function exchangeOf(
  request: WsgiRequest,
  response: WsgiResponse,
  cookieAfter: string | null,
  now = Date.now(),
): Exchange {
  const setCookies = headerValues(response.headers, 'set-cookie');
  const sent = headerValues(request.headers, 'cookie');
  const location = headerValues(response.headers, 'location')[0];
  const watched = response.session;
  return {
    id: crypto.randomUUID(),
    engine: 'browser-flask',
    at: now,
    action: actions[request.path] ?? 'show',
    method: request.method,
    path: request.path + (request.query ? `?${request.query}` : ''),
    status: response.status,
    ...(location ? { location } : {}),
    requestCookie: sent.length ? sent.join('; ') : null,
    setCookies,
    vary: headerValues(response.headers, 'vary')[0] ?? null,
    session: {
      status: watched?.status ?? 'none',
      before: asDisplay(watched?.before),
      after: asDisplay(watched?.after),
    },
    cookieAfter,
    codeLines: [],
    summary: summaryOf(request, response, setCookies),
  };
}
