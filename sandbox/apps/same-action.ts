/**
 * POST /sandbox/api/same-action: the server's Flask engine replays one request real Flask answered
 * in the learner's browser (the same route, form, Cookie header and signing second) and answers, as
 * JSON, the Set-Cookie it would send, so the page can show both sent the same bytes.
 * Stateless and harmless by design: it signs only with the handout's public demo key (read from
 * flask_app.py; the instructor's sandbox key would make it a signing oracle for their secret), only
 * within a few minutes of the server's clock, only for the handout's routes; it sets no cookie,
 * writes no store and records nothing in the learner's trace.
 */
import express, { type ErrorRequestHandler, Router } from 'express';
import { cookieValue } from '../contract/cookie-header.ts';
import {
  MAX_SAME_ACTION_FIELDS,
  MAX_SIGNING_SKEW_SECONDS,
  type SameActionAnswer,
  type SameActionQuestion,
} from '../contract/same-action.ts';
import { type FlaskSessionConfig, NestingTooDeep, openSession, saveSession } from '../flask-session/index.ts';
import { httpError, requireField } from '../web/forms.ts';
import { learnerMessage, parserType, statusOf } from '../web/http-errors.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { appSource } from './app-source.ts';
import type { SessionHandle } from './engine.ts';
import { flaskSessionHandle } from './flask-engine.ts';
import { FlaskSessionState } from './flask-session-state.ts';
import { handoutActions, readForPage, USER_KEY } from './sandbox-app.ts';

/** The handout's public key, as flask_app.py sets it: the only key this route signs with. */
export const handoutKey: string = (() => {
  const key = /^app\.secret_key = '([^'\\]+)'$/m.exec(appSource)?.[1];
  if (key === undefined) throw new Error("flask_app.py lost its line app.secret_key = '…'");
  return key;
})();

/** A request's form, as `request.form` reads it (the first of repeated names). */
type Form = Record<string, string>;

/** Runs one handout route on the session; answers its status. */
type Route = (session: SessionHandle, form: Form) => number;

const page: Route = (session) => {
  readForPage(session);
  return 200;
};

/** The handout's routes by `METHOD path`, each as the server's engine runs it. */
const routes = new Map<string, Route>([
  ['GET /', page],
  [
    'GET /members',
    (session) => {
      const present = session.has(USER_KEY);
      session.read(USER_KEY);
      return present ? 200 : 401;
    },
  ],
  [
    'POST /login',
    (session, form) => {
      const username = requireField({ body: form }, 'username', 200);
      const password = requireField({ body: form }, 'password', 200);
      // Only the accounts the page lists: in the browser, flask_app.py's admin password is random.
      if (!DEMO_ACCOUNTS.some((account) => account.username === username && account.password === password)) {
        readForPage(session);
        return 401;
      }
      session.clear();
      session.set(USER_KEY, username);
      return 302;
    },
  ],
  ...handoutActions.map(([path, , run]): [string, Route] => [
    `POST ${path}`,
    (session, form) => {
      run(session, { body: form });
      return 302;
    },
  ]),
]);

/** The routes, for the message that names them. */
const routeList = [...routes.keys()].join(', ');

/** Replays one request in the server's Flask engine (Flask 3.1, the handout's key, app root Path=/). */
export function replayHandoutRequest(question: SameActionQuestion): SameActionAnswer {
  const route = routes.get(`${question.method} ${question.path}`);
  if (route === undefined) throw httpError(400, `Only the handout's routes can be compared: ${routeList}.`);
  const config: FlaskSessionConfig = {
    secretKey: handoutKey,
    flaskVersion: '3.1',
    path: '/',
    now: () => question.signedAt,
  };
  const opened = openSession(cookieValue(question.cookie, 'session'), config);
  const state = new FlaskSessionState(opened.data, '3.1');
  const form: Form = Object.create(null);
  for (const [name, value] of question.form ?? []) if (!Object.hasOwn(form, name)) form[name] = value;
  let status: number;
  try {
    status = route(flaskSessionHandle(state), form);
  } catch (error) {
    // A missing field is Flask's 400 Bad Request; the session is saved as it is, as Flask does.
    if (statusOf(error) !== 400) throw error;
    status = 400;
  }
  const answer = { status, signedAt: question.signedAt, signedWith: 'handout-demo-key' as const };
  try {
    const saved = saveSession(
      { data: state.data, modified: state.modified, accessed: state.accessed },
      config,
    );
    return { ...answer, setCookies: saved.setCookie === null ? [] : [saved.setCookie] };
  } catch (error) {
    // Nested past what Flask can save: real Flask answers 500 and sends no cookie.
    if (!(error instanceof NestingTooDeep)) throw error;
    return { ...answer, status: 500, setCookies: [] };
  }
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The question in a parsed JSON body, checked; a 400 saying what is wrong otherwise. */
export function questionOf(body: unknown, nowSeconds: number): SameActionQuestion {
  const bad = (why: string) => httpError(400, `${why} Nothing was signed.`);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('Send a JSON object {method, path, form, cookie, signedAt} (Content-Type: application/json).');
  const { method, path, form, cookie, signedAt } = body as Record<string, unknown>;
  if (!isText(method) || !isText(path))
    throw bad('"method" and "path" must be text, e.g. "POST" and "/store".');
  if (form !== undefined && !isPairs(form))
    throw bad(`"form" must be a list of at most ${MAX_SAME_ACTION_FIELDS} [name, value] pairs of text.`);
  if (cookie !== undefined && cookie !== null && !isText(cookie))
    throw bad('"cookie" must be the Cookie header as text, or null.');
  if (typeof signedAt !== 'number' || !Number.isSafeInteger(signedAt))
    throw bad('"signedAt" must be the second real Flask signed at, in whole Unix seconds.');
  const off = signedAt - Math.floor(nowSeconds);
  if (Math.abs(off) > MAX_SIGNING_SKEW_SECONDS) {
    throw bad(
      `The signing time (${dateOf(signedAt)}) is ${Math.abs(off)} seconds ${off < 0 ? 'behind' : 'ahead of'} the server's clock; the server signs only within ${MAX_SIGNING_SKEW_SECONDS} seconds of it (is the browser's clock right?).`,
    );
  }
  return {
    method: method.toUpperCase(),
    path,
    ...(form === undefined ? {} : { form }),
    cookie: cookie ?? null,
    signedAt,
  };
}

/** "2001-09-09 01:46:40 UTC", or a phrase for a second no Date can hold. */
function dateOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime())
    ? 'no possible date'
    : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function isPairs(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_SAME_ACTION_FIELDS &&
    value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isText))
  );
}

/** What body-parser's refusals mean here. */
const parserMessages: Record<string, string> = {
  'entity.parse.failed': 'That body is not valid JSON. Nothing was signed.',
  'entity.too.large': 'That question is larger than the sandbox accepts. Nothing was signed.',
  'charset.unsupported': 'Send the JSON in UTF-8. Nothing was signed.',
  'encoding.unsupported': 'Send the JSON without content encoding (no gzip etc.). Nothing was signed.',
};

/** Every refusal as JSON {error, status}; only a bug goes on to the sandbox's 500. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = statusOf(error);
  if (status >= 500) {
    next(error);
    return;
  }
  const type = parserType(error);
  const message =
    learnerMessage(error) ??
    (type === undefined ? undefined : parserMessages[type]) ??
    'The sandbox could not read that question. Nothing was signed.';
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.json({ error: message, status });
};

/** The route, mounted at /sandbox/api/same-action (rate-limited with the lab's experiments). */
export function createSameActionRouter({ bodyLimit, now }: { bodyLimit: number; now: () => number }): Router {
  const router = Router();
  router.post('/', express.json({ limit: bodyLimit, inflate: false, strict: true }), (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(replayHandoutRequest(questionOf(req.body, now())));
  });
  router.use(jsonErrors);
  return router;
}
