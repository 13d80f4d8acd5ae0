/**
 * The Express engine: the real `cookie-session` middleware, configured like the handout's app
 * (cookie 'session' plus its keygrip signature 'session.sig', HttpOnly, Path=/sandbox/express).
 * `session.clear()` is cookie-session's `req.session = null`; permanent sets a 31-day maxAge.
 */

import cookieSession from 'cookie-session';
import type { Request } from 'express';
import type { DisplayJson, DisplaySession } from '../contract/display-json.ts';
import { reportOpened } from '../exchange/context.ts';
import { depthOf } from '../recorder/bounds.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { bareRecord, type SandboxEngine } from './engine.ts';
import { FLASHES_KEY } from './flask-session-state.ts';

/** Where the Express app is mounted, under BASE_PATH (withBase). */
export const EXPRESS_PATH = '/sandbox/express';
/** Flask's permanent lifetime, so both engines behave alike: 31 days, in milliseconds. */
const PERMANENT_MS = 31 * 24 * 3600 * 1000;
/** The flag is kept in the session itself, as Flask does, so later writes keep the lifetime. */
const PERMANENT_KEY = '_permanent';

/** Builds the Express engine signing with `sandboxKey` (keygrip: the first key is current). */
export function expressEngine({ sandboxKey }: { sandboxKey: string }): SandboxEngine {
  // cookie-session writes its cookies in its own on-headers listener. on-headers runs the last
  // registered listener first, and this middleware is mounted after the recorder, so the cookies
  // are set before the record is made: the engine writes its cookie by itself.
  const middleware = cookieSession({
    name: 'session',
    keys: [sandboxKey],
    path: withBase(EXPRESS_PATH),
    httpOnly: true,
  });
  return {
    name: 'express',
    middleware(req, res, next) {
      middleware(req, res, () => {
        const sent = readCookie(req, 'session') !== undefined;
        const session = req.session;
        // cookie-session treats a bad signature (or unreadable value) as a new, empty session.
        reportOpened(
          res,
          {
            status: !sent ? 'none' : session?.isNew ? 'bad-signature' : 'valid',
            before: plain(req),
            after: () => plain(req),
          },
          { when: 'by-itself' },
        );
        if (session?.[PERMANENT_KEY] === true) req.sessionOptions.maxAge = PERMANENT_MS;
        next();
      });
    },
    session(req) {
      const data = (): Record<string, unknown> => req.session ?? {};
      // After clear() cookie-session's session is null; a write then starts a new one (login clears, then sets).
      const writable = (): Record<string, unknown> => {
        req.session ??= {};
        return req.session; // cookie-session's own session, made from the object just assigned
      };
      return {
        has: (name) => Object.hasOwn(data(), name),
        read: (name) => printable(data()[name]),
        set: (name, value) => {
          writable()[name] = value;
        },
        clear: () => {
          req.session = null;
        },
        makePermanent: () => {
          writable()[PERMANENT_KEY] = true;
          req.sessionOptions.maxAge = PERMANENT_MS;
        },
        // Flask's flashing, by hand: JSON has no tuples, so each (category, message) is a two-item list.
        flash: (message) => {
          const session = writable();
          const flashes = session[FLASHES_KEY];
          session[FLASHES_KEY] = [...(Array.isArray(flashes) ? flashes : []), ['message', message]];
        },
        takeFlashes: () => {
          if (!Object.hasOwn(data(), FLASHES_KEY)) return [];
          const flashes = data()[FLASHES_KEY];
          delete (req.session as Record<string, unknown>)[FLASHES_KEY];
          if (!Array.isArray(flashes)) return [];
          return flashes.map((flash) => printable(Array.isArray(flash) ? flash[1] : flash));
        },
        view: () => bareRecord(Object.entries(data()).map(([name, value]) => [name, printable(value)])),
      };
    },
  };
}

/**
 * Deepest session value shown. The key is public, so a learner can sign JSON nested thousands deep,
 * which JSON.stringify cannot walk (it runs out of stack); anything deeper is shown as a note.
 */
const MAX_SHOWN_DEPTH = 64;
const TOO_DEEP = `[nested deeper than ${MAX_SHOWN_DEPTH} levels: not shown]`;

/**
 * A session value as text for the template. The Express key is public too, so a learner can sign any
 * JSON: objects are shown as JSON, never converted with String() (whose toString could be anything).
 */
function printable(value: unknown): string {
  if (typeof value === 'string') return value;
  if (depthOf(value, MAX_SHOWN_DEPTH) > MAX_SHOWN_DEPTH) return TOO_DEEP;
  return JSON.stringify(value) ?? '';
}

/** The session's own data as plain JSON ({} when cleared); values nested too deeply become a note. */
function plain(req: Request): DisplaySession {
  if (!req.session) return {};
  // Values are JSON (read from the cookie or set by the app); fromEntries keeps a key "__proto__" plain.
  return Object.fromEntries(
    Object.entries(req.session as Record<string, unknown>).map(([name, value]) => [
      name,
      // A copy, so the record's `before` is not changed by what the request later writes.
      JSON.parse(
        JSON.stringify(depthOf(value, MAX_SHOWN_DEPTH) > MAX_SHOWN_DEPTH ? TOO_DEEP : value),
      ) as DisplayJson,
    ]),
  );
}
