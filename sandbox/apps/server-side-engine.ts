/**
 * The server-side engine, as Flask-Session does it: the cookie holds only a random session id
 * (`session=<id>`), the session itself sits in a store under `session:<id>`. Flask-Session's defaults:
 * the session is permanent (the cookie and the row live PERMANENT_SESSION_LIFETIME, here one hour, the
 * store's cap) and is saved again on every request that has one (SESSION_REFRESH_EACH_REQUEST); an
 * emptied session deletes its row and its cookie. Login gets a NEW id (the fixation defence: an id
 * planted before the login is worth nothing after it). The store is asynchronous, so the routes
 * call `commit` before they answer; when it is unreachable the page says so and nothing is written.
 */
import type { Request, Response } from 'express';
import type { DisplaySession } from '../contract/display-json.ts';
import type { ServerKeeps } from '../contract/exchange.ts';
import { toConvention } from '../cookie-tools/index.ts';
import { exchangeOf, reportOpened } from '../exchange/context.ts';
import { type SessionData, taggedDumps, taggedLoads } from '../flask-session/index.ts';
import { dumpCookie } from '../flask-session/set-cookie.ts';
import {
  newSessionId,
  type SessionStore,
  SessionTooLarge,
  StoreUnavailable,
  sessionKey,
} from '../store/index.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import type { SandboxEngine } from './engine.ts';
import { flaskSessionHandle } from './flask-engine.ts';
import { FlaskSessionState } from './flask-session-state.ts';

/** Where the server-side app is mounted, under BASE_PATH (withBase). */
export const SERVER_SIDE_PATH = '/sandbox/server-side';
/** The app's PERMANENT_SESSION_LIFETIME: one hour, the sandbox store's longest. */
export const SERVER_SIDE_LIFETIME_S = 3600;
/** The session key that names the user, so "log out everywhere" finds their sessions. */
const USER_KEY = 'user_id';

/** What the page says when the store cannot be reached. */
export const STORE_DOWN_MESSAGE =
  'The session store is unreachable right now, so this engine can neither read nor keep a session: nothing was stored. The Flask and Express engines keep working (their sessions are in your cookies), and this one recovers when the store is back.';

/** The store, opened on first use; undefined while it cannot be opened. */
export type StoreSource = () => Promise<SessionStore>;

/** What the engine keeps per request. */
export interface ServerSideRequest {
  session: FlaskSessionState;
  /** The id the cookie carried, when the store had a row for it. */
  id?: string;
  /** True once the cookie was sent at all (so an emptied session deletes it). */
  cookieSent: boolean;
  /** Set by the login route: the next save uses a new id and deletes the old row. */
  regenerate: boolean;
  /** Why the store could not be used on this request. */
  storeDown?: string;
}

/** The engine's state of a request. */
export function serverSideOf(res: Response): ServerSideRequest {
  const state = (res.locals as { serverSide?: ServerSideRequest }).serverSide;
  if (state === undefined) throw new Error('server-side session missing: mount the server-side engine first');
  return state;
}

/** The engine plus what only it can do: save to the store, and revoke a user's sessions. */
export interface ServerSideEngine extends SandboxEngine {
  store: StoreSource;
}

export interface ServerSideOptions {
  store: StoreSource;
  /** Which store it is (REDIS_URL set or not), named on the page even when it is down. */
  kind: ServerKeeps['store'];
  /** Unix seconds. */
  now: () => number;
}

/** Builds the server-side engine on a store. */
export function serverSideEngine({ store, kind, now }: ServerSideOptions): ServerSideEngine {
  const path = () => withBase(SERVER_SIDE_PATH);
  return {
    name: 'server-side',
    store,
    async middleware(req, res, next) {
      const sent = readCookie(req, 'session');
      const request: ServerSideRequest = {
        session: new FlaskSessionState({}),
        cookieSent: sent !== undefined,
        regenerate: false,
      };
      (res.locals as { serverSide?: ServerSideRequest }).serverSide = request;
      let data: SessionData = {};
      // The store itself opens nothing for a value that is not an id.
      if (sent !== undefined) {
        try {
          const opened = await store();
          const row = await opened.get(sent);
          if (row !== undefined) {
            data = taggedLoads(row.value) as SessionData;
            request.id = sent;
          }
        } catch (error) {
          if (!(error instanceof StoreUnavailable)) throw error;
          request.storeDown = error.message;
        }
      }
      request.session = new FlaskSessionState(data);
      // The cookie is written by commit(), before the response; nothing is left for on-headers.
      reportOpened(
        res,
        {
          status: sent === undefined ? 'none' : request.id !== undefined ? 'valid' : 'unknown-id',
          before: toConvention(data),
          after: () => toConvention(request.session.data),
        },
        { when: 'by-itself' },
      );
      next();
    },
    session(_req, res) {
      // Flask-Session's session object behaves as Flask's, plus a new id on login.
      return {
        ...flaskSessionHandle(serverSideOf(res).session),
        regenerate: () => {
          serverSideOf(res).regenerate = true;
        },
      };
    },
    async commit(req, res) {
      await saveToStore(req, res, await storeOrDown(store, res), { path: path(), kind, now });
    },
  };
}

/** The store, or undefined (and the request marked) when it cannot be opened. */
async function storeOrDown(store: StoreSource, res: Response): Promise<SessionStore | undefined> {
  const request = serverSideOf(res);
  if (request.storeDown !== undefined) return undefined;
  try {
    return await store();
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    request.storeDown = error.message;
    return undefined;
  }
}

/**
 * Flask-Session's save_session: an emptied session deletes its row and cookie; otherwise the row is
 * written (under a new id after a login) and the cookie re-sent with the row's expiry. A store that
 * fails leaves everything as it was and says so.
 */
async function saveToStore(
  req: Request,
  res: Response,
  store: SessionStore | undefined,
  { path, kind, now }: { path: string; kind: ServerKeeps['store']; now: () => number },
): Promise<void> {
  const request = serverSideOf(res);
  const state = exchangeOf(res);
  const { session } = request;
  if (session.accessed || session.modified) res.vary('Cookie');
  if (store === undefined) {
    state.serverKeeps = { store: kind, key: null, value: null, note: STORE_DOWN_MESSAGE };
    return;
  }
  const empty = Object.keys(session.data).length === 0;
  try {
    if (empty) {
      if (!session.modified) {
        state.serverKeeps = keeps(store, request.id, null);
        return;
      }
      if (request.id !== undefined) await store.delete(request.id);
      if (request.cookieSent) res.append('Set-Cookie', cookieHeader(path, '', 0, 0));
      state.serverKeeps = keeps(store, request.id, null);
      if (request.id !== undefined)
        state.serverKeeps.note = 'The row was deleted: this id opens nothing any more.';
      return;
    }
    // After a login the row moves to a new id and the old one is deleted (the fixation defence).
    const replaced = request.regenerate ? request.id : undefined;
    const id = request.regenerate || request.id === undefined ? newSessionId() : request.id;
    if (replaced !== undefined) await store.delete(replaced);
    const user = session.data[USER_KEY];
    const expiresAt = Math.floor(now()) + SERVER_SIDE_LIFETIME_S;
    const saved = await store.save(id, {
      value: taggedDumps(session.data),
      owner: req.ip ?? 'unknown',
      ...(typeof user === 'string' ? { user } : {}),
      expiresAt: expiresAt * 1000,
    });
    res.append('Set-Cookie', cookieHeader(path, id, Math.floor(saved.expiresAt / 1000)));
    state.serverKeeps = {
      ...keeps(store, id, toConvention(session.data)),
      expiresAt: saved.expiresAt,
      ...(replaced === undefined
        ? {}
        : {
            note: `A new id on login: the old row (${sessionKey(replaced)}) was deleted, so an id planted before the login opens nothing.`,
          }),
    };
  } catch (error) {
    if (error instanceof StoreUnavailable) {
      request.storeDown = error.message;
      state.serverKeeps = { store: store.kind, key: null, value: null, note: STORE_DOWN_MESSAGE };
      return;
    }
    if (error instanceof SessionTooLarge) {
      state.cookieWarning = `${error.message} Like the cookie engines' 4 KB, the session was not saved.`;
      state.serverKeeps = keeps(store, request.id, request.id === undefined ? null : state.opened.before);
      return;
    }
    throw error;
  }
}

function keeps(store: SessionStore, id: string | undefined, value: DisplaySession | null): ServerKeeps {
  return { store: store.kind, key: id === undefined ? null : sessionKey(id), value };
}

/** Werkzeug's Set-Cookie for the id (Flask-Session: HttpOnly, the app's path, Expires when permanent). */
function cookieHeader(path: string, id: string, expires: number, maxAge?: number): string {
  return dumpCookie({
    name: 'session',
    value: id,
    expires,
    maxAge,
    httpOnly: true,
    path,
  }).header;
}
