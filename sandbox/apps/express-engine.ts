/**
 * The Express engine: the real `cookie-session` middleware, configured like the handout's app
 * (cookie 'session' plus its keygrip signature 'session.sig', HttpOnly, Path=/sandbox/express).
 * `session.clear()` is cookie-session's `req.session = null`; permanent sets a 31-day maxAge.
 */

import cookieSession from 'cookie-session';
import type { Request } from 'express';
import { exchangeOf } from '../exchange/context.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { bareRecord, type SandboxEngine } from './engine.ts';

/** Where the Express app is mounted, under BASE_PATH (withBase). */
export const EXPRESS_PATH = '/sandbox/express';
/** Flask's permanent lifetime, so both engines behave alike: 31 days, in milliseconds. */
const PERMANENT_MS = 31 * 24 * 3600 * 1000;
/** The flag is kept in the session itself, as Flask does, so later writes keep the lifetime. */
const PERMANENT_KEY = '_permanent';

/** Builds the Express engine signing with `key` (keygrip: the first key is current). */
export function expressEngine({ key }: { key: string }): SandboxEngine {
  // cookie-session writes its cookies in its own on-headers listener. on-headers runs the last
  // registered listener first, and this middleware is mounted after the recorder, so the cookies
  // are set before the record is made; `save` stays empty.
  const middleware = cookieSession({
    name: 'session',
    keys: [key],
    path: withBase(EXPRESS_PATH),
    httpOnly: true,
  });
  return {
    name: 'express',
    middleware(req, res, next) {
      middleware(req, res, () => {
        const sent = readCookie(req, 'session') !== undefined;
        const session = req.session;
        const state = exchangeOf(res);
        // cookie-session treats a bad signature (or unreadable value) as a new, empty session.
        state.status = !sent ? 'none' : session?.isNew ? 'bad-signature' : 'valid';
        state.before = plain(req);
        state.after = () => plain(req);
        if (session?.[PERMANENT_KEY] === true) req.sessionOptions.maxAge = PERMANENT_MS;
        next();
      });
    },
    session(req) {
      const data = (): Record<string, unknown> => req.session ?? {};
      return {
        has: (name) => Object.hasOwn(data(), name),
        read: (name) => printable(data()[name]),
        set: (name, value) => {
          if (req.session === null || req.session === undefined) req.session = {};
          (req.session as Record<string, unknown>)[name] = value;
        },
        clear: () => {
          req.session = null;
        },
        makePermanent: () => {
          if (req.session === null || req.session === undefined) req.session = {};
          (req.session as Record<string, unknown>)[PERMANENT_KEY] = true;
          req.sessionOptions.maxAge = PERMANENT_MS;
        },
        view: () => bareRecord(Object.entries(data()).map(([name, value]) => [name, printable(value)])),
      };
    },
  };
}

/**
 * A session value as text for the template. The Express key is public too, so a learner can sign any
 * JSON: objects are shown as JSON, never converted with String() (whose toString could be anything).
 */
function printable(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/** The session's own data as plain JSON ({} when cleared). */
function plain(req: Request): Record<string, unknown> {
  return req.session ? (JSON.parse(JSON.stringify(req.session)) as Record<string, unknown>) : {};
}
