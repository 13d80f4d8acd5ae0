/**
 * Flask's `SecureCookieSessionInterface.open_session` / `save_session` with its defaults:
 * cookie 'session', Path=/, HttpOnly, 31-day permanent lifetime, refresh on every request.
 * Key order: `secretKey` signs, `fallbackKeys` are accepted too (keyIndex 0 = secretKey) — by
 * Flask 3.1; Flask 2.2 has no SECRET_KEY_FALLBACKS and ignores them silently (`flaskVersion`).
 */
import { BadPayload, SignatureExpired } from './errors.ts';
import { DEFAULT_SALT, loadSessionDetailed, requireKey, signSession, systemNow } from './session-cookie.ts';
import { dumpCookie } from './set-cookie.ts';
import { pyTruthy } from './tagged-json.ts';
import type { PyValue, SessionData } from './values.ts';

/** PERMANENT_SESSION_LIFETIME: 31 days, in seconds. */
export const DEFAULT_MAX_AGE = 2678400;

/** The Flask whose behaviour to follow: 3.1 (what `pip install flask` gives) or 2.2 (Debian 12's). */
export type FlaskVersion = '3.1' | '2.2';
export const DEFAULT_FLASK_VERSION: FlaskVersion = '3.1';

/**
 * Whether `key in session` counts as an access (and so adds `Vary: Cookie`): from Flask 3.1 it does,
 * as do `len(session)` and iteration; in 2.2 only reading a value does.
 */
export function containsIsAccess(version: FlaskVersion = DEFAULT_FLASK_VERSION): boolean {
  return version !== '2.2';
}

/** Flask's session settings. */
export interface FlaskSessionConfig {
  /** Which Flask to behave as, default '3.1'. '2.2' ignores `fallbackKeys`, as Flask 2.2 does. */
  flaskVersion?: FlaskVersion;
  /** app.secret_key: signs new cookies. */
  secretKey: string;
  /** SECRET_KEY_FALLBACKS (Flask 3.1): older keys still accepted (ignored when flaskVersion is '2.2'). */
  fallbackKeys?: string[];
  /** Default 'cookie-session'. */
  salt?: string;
  /** PERMANENT_SESSION_LIFETIME in seconds: the age limit when loading and a permanent cookie's lifetime. */
  maxAge?: number;
  /** SESSION_COOKIE_NAME, default 'session'. */
  cookieName?: string;
  /** SESSION_COOKIE_DOMAIN, default none. */
  domain?: string;
  /** SESSION_COOKIE_PATH (else APPLICATION_ROOT), default '/'. */
  path?: string;
  /** SESSION_COOKIE_HTTPONLY, default true. */
  httpOnly?: boolean;
  /** SESSION_COOKIE_SECURE, default false. */
  secure?: boolean;
  /** SESSION_COOKIE_SAMESITE, default none. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** SESSION_REFRESH_EACH_REQUEST, default true: a permanent session is re-sent on every response. */
  refreshEachRequest?: boolean;
  /** The clock, Unix seconds; defaults to the system clock. */
  now?: () => number;
}

/** Why a session came out the way it did. */
export type OpenStatus = 'none' | 'valid' | 'bad-signature' | 'expired' | 'bad-payload';

/** The result of `openSession`. */
export interface OpenedSession {
  data: SessionData;
  status: OpenStatus;
  /** Which key verified it: 0 = secretKey, i = fallbackKeys[i - 1]. */
  keyIndex?: number;
  /** When it was signed (Unix seconds). */
  signedAt?: number;
}

/**
 * Flask's open_session: any cookie string (or undefined) -> session; never throws for a bad cookie.
 * A bad signature or an expired cookie gives an empty session, as in Flask; a correctly signed cookie
 * with a bad payload also gives an empty session here (Flask answers 500), with status 'bad-payload'.
 */
export function openSession(cookieValue: string | undefined, config: FlaskSessionConfig): OpenedSession {
  requireKey(config.secretKey);
  if (!cookieValue) return { data: {}, status: 'none' };
  try {
    const { data, keyIndex, signedAt } = loadSessionDetailed(cookieValue, {
      secretKey: config.secretKey,
      // Flask 2.2 has no SECRET_KEY_FALLBACKS: a cookie signed with an old key simply fails.
      fallbackKeys: config.flaskVersion === '2.2' ? [] : config.fallbackKeys,
      salt: config.salt,
      maxAge: config.maxAge ?? DEFAULT_MAX_AGE,
      now: config.now ?? systemNow,
    });
    return { data, status: 'valid', keyIndex, signedAt };
  } catch (error) {
    if (error instanceof SignatureExpired) return { data: {}, status: 'expired' };
    if (error instanceof BadPayload) return { data: {}, status: 'bad-payload' };
    return { data: {}, status: 'bad-signature' };
  }
}

/** What the request did to the session. */
export interface SaveInput {
  data: SessionData;
  /** Set when the session was changed (Flask tracks this; nested mutation needs it set by hand). */
  modified: boolean;
  /** Set when the session was read or written (adds Vary: Cookie). */
  accessed: boolean;
  /** Read from data._permanent when omitted. */
  permanent?: boolean;
}

/** The response headers that save_session produces. */
export interface SaveResult {
  /** The full Set-Cookie header value, or null for no cookie. */
  setCookie: string | null;
  /** Add `Vary: Cookie`. */
  vary: boolean;
  /** Werkzeug's 'cookie is too large' warning, when the header exceeds 4093 bytes. */
  sizeWarning?: string;
}

/**
 * Flask's save_session: empty+modified deletes the cookie, empty+unmodified sets none, a permanent
 * session gets Expires=now+maxAge and is re-set on every request, Vary when accessed or set.
 */
export function saveSession(input: SaveInput, config: FlaskSessionConfig): SaveResult {
  const secretKey = requireKey(config.secretKey);
  const now = Math.floor((config.now ?? systemNow)());
  const cookie = {
    name: config.cookieName ?? 'session',
    domain: config.domain,
    path: config.path ?? '/',
    secure: config.secure ?? false,
    httpOnly: config.httpOnly ?? true,
    sameSite: config.sameSite,
  };
  if (Object.keys(input.data).length === 0) {
    if (!input.modified) return { setCookie: null, vary: input.accessed };
    const deleted = dumpCookie({ ...cookie, value: '', expires: 0, maxAge: 0 });
    return { setCookie: deleted.header, vary: true };
  }
  const permanent = input.permanent ?? pyTruthy((input.data._permanent ?? false) as PyValue);
  const refresh = permanent && (config.refreshEachRequest ?? true);
  if (!input.modified && !refresh) return { setCookie: null, vary: input.accessed };
  const value = signSession(input.data, { secretKey, salt: config.salt ?? DEFAULT_SALT, timestamp: now });
  const expires = permanent ? now + (config.maxAge ?? DEFAULT_MAX_AGE) : undefined;
  const { header, sizeWarning } = dumpCookie({ ...cookie, value, expires });
  return sizeWarning === undefined
    ? { setCookie: header, vary: true }
    : { setCookie: header, vary: true, sizeWarning };
}
