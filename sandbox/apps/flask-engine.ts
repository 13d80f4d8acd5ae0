/**
 * The Flask-compatible engine as express middleware: Flask's open_session at the start of the
 * request (with the learner's own key settings), its save_session as the headers go out, so the
 * headers are Flask's own: `session=…; HttpOnly; Path=/sandbox/flask`, `Vary: Cookie`, deletion
 * after clear, `Expires` for a permanent session. A bad or foreign cookie is silently an empty session.
 */
import type { Response } from 'express';
import { type AnatomyOptions, toConvention } from '../cookie-tools/index.ts';
import { exchangeOf, reportOpened } from '../exchange/context.ts';
import {
  DEFAULT_FLASK_VERSION,
  type FlaskSessionConfig,
  NestingTooDeep,
  openSession,
  type SaveInput,
  saveSession,
} from '../flask-session/index.ts';
import { pyStr } from '../flask-session/py-repr.ts';
import type { LabChoice } from '../lab-settings/lab-settings.ts';
import { labSettingsOf } from '../lab-settings/per-request.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { bareRecord, type SandboxEngine, type SessionHandle } from './engine.ts';
import { FlaskSessionState } from './flask-session-state.ts';

/** Where the Flask app is mounted, under BASE_PATH (withBase); Flask would use the app root ('/'). */
export const FLASK_PATH = '/sandbox/flask';

/** What the Flask engine keeps per request (lab routes use it). */
export interface FlaskRequest {
  session: FlaskSessionState;
  config: FlaskConfig;
}

/** The Flask engine's state of a request. */
export function flaskOf(res: Response): FlaskRequest {
  const flask = (res.locals as { flaskSession?: FlaskRequest }).flaskSession;
  if (flask === undefined) throw new Error('Flask session missing: mount the Flask engine first');
  return flask;
}

export interface FlaskEngineOptions {
  /** Unix seconds. (The keys come from the learner's lab settings, opened by the router.) */
  now: () => number;
}

/** The session settings flaskConfig makes: the keys, the Flask version and the clock always given. */
export type FlaskConfig = FlaskSessionConfig &
  Required<Pick<FlaskSessionConfig, 'fallbackKeys' | 'flaskVersion' | 'now'>>;

/** The session settings for a learner's key settings and Flask version. */
export function flaskConfig(lab: LabChoice, now: () => number): FlaskConfig {
  const flaskVersion = lab.flaskVersion ?? DEFAULT_FLASK_VERSION;
  return { secretKey: lab.key, fallbackKeys: lab.fallbacks, flaskVersion, path: withBase(FLASK_PATH), now };
}

/** The keys (and Flask version: 2.2 ignores fallback keys) a cookie's anatomy is verified with. */
export function anatomyKeysOf(config: FlaskConfig): AnatomyOptions {
  const { secretKey, fallbackKeys, flaskVersion, now } = config;
  return { secretKey, fallbackKeys, flaskVersion, now };
}

/**
 * Flask's save_session onto the response: Set-Cookie, Vary and Werkzeug's size warning. A session
 * nested deeper than Flask can save (Python's RecursionError, a 500 in real Flask) sends no cookie
 * and says so in the record instead: no input may give a 5xx here.
 */
export function writeSessionCookie(res: Response, input: SaveInput, config: FlaskSessionConfig): void {
  const state = exchangeOf(res);
  let saved: ReturnType<typeof saveSession>;
  try {
    saved = saveSession(input, config);
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    state.cookieWarning = `Flask could not save this session: ${error.message}. Real Flask answers 500 here; the sandbox sends no cookie.`;
    return;
  }
  if (saved.setCookie !== null) res.append('Set-Cookie', saved.setCookie);
  if (saved.vary) res.vary('Cookie');
  if (saved.sizeWarning !== undefined) state.cookieWarning = saved.sizeWarning;
}

/** Builds the Flask-compatible engine. */
export function flaskEngine({ now }: FlaskEngineOptions): SandboxEngine {
  return {
    name: 'flask',
    middleware(req, res, next) {
      const lab = labSettingsOf(res);
      const config = flaskConfig(lab, now);
      // A payload that inflates past the engine's cap is not opened: an empty 'bad-payload' session.
      const opened = openSession(readCookie(req, 'session'), config);
      const flask: FlaskRequest = { session: new FlaskSessionState(opened.data, lab.flaskVersion), config };
      (res.locals as { flaskSession?: FlaskRequest }).flaskSession = flask;

      // Flask's save_session runs as the headers are written (before the recorder reads them).
      reportOpened(
        res,
        {
          status: opened.status,
          ...(opened.tooLarge ? { tooLarge: true as const } : {}),
          ...(opened.keyIndex === undefined ? {} : { keyIndex: opened.keyIndex }),
          before: toConvention(opened.data),
          after: () => toConvention(flask.session.data),
          anatomyKeys: anatomyKeysOf(config),
        },
        {
          when: 'on-headers',
          save: () => {
            const { session } = flask;
            writeSessionCookie(
              res,
              { data: session.data, modified: session.modified, accessed: session.accessed },
              config,
            );
          },
        },
      );
      next();
    },
    session: (_req, res) => flaskSessionHandle(flaskOf(res).session),
  };
}

/** The handout's session operations on one request's Flask session. */
export function flaskSessionHandle(session: FlaskSessionState): SessionHandle {
  return {
    has: (key) => session.has(key),
    read: (key) => {
      const value = session.get(key);
      return value === undefined ? '' : pyStr(value);
    },
    set: (key, value) => session.set(key, value),
    clear: () => session.clear(),
    makePermanent: () => session.makePermanent(),
    flash: (message) => session.flash(message),
    takeFlashes: () => session.takeFlashes().map(pyStr),
    // Everything is printed as plain text: unlike Flask, even a forged Markup value is escaped.
    view: () => bareRecord(Object.entries(session.data).map(([key, value]) => [key, pyStr(value)])),
  };
}
