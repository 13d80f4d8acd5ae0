/**
 * Flask's `SecureCookieSessionInterface.open_session` / `save_session` with its defaults:
 * cookie 'session', Path=/, HttpOnly, 31-day permanent lifetime, refresh on every request.
 * Follows Flask 3.1 unless `flaskVersion: '2.2'`: only 3.1 accepts `fallbackKeys` and sends
 * `Partitioned`. Key order: `secretKey` signs, `fallbackKeys` are accepted too (keyIndex 0 = secretKey).
 * When a request counts as an access (`Vary: Cookie`) is the job of session-state.ts.
 */
import { BadPayload, PayloadTooLarge, SignatureExpired } from './errors.ts';
import { DEFAULT_FLASK_VERSION, type FlaskVersion } from './flask-version.ts';
import { DEFAULT_SALT, loadSessionDetailed, requireKey, signSession, systemNow } from './session-cookie.ts';
import { dumpCookie } from './set-cookie.ts';
import { pyTruthy } from './tagged-json.ts';
import type { PyValue, SessionData } from './values.ts';

/** PERMANENT_SESSION_LIFETIME: 31 days, in seconds. */
export const DEFAULT_MAX_AGE = 2678400;

/** Flask's session settings. */
export interface FlaskSessionConfig {
  /** app.secret_key: signs new cookies. */
  secretKey: string;
  /** Which Flask to follow: '3.1' (default) or '2.2'. */
  flaskVersion?: FlaskVersion;
  /** SECRET_KEY_FALLBACKS (Flask 3.1): older keys still accepted; Flask 2.2 ignores them silently. */
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
  /** SESSION_COOKIE_PARTITIONED (Flask 3.1, default false): `Partitioned` (and so `Secure`); 2.2 ignores it. */
  partitioned?: boolean;
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
  /** Set when the payload was not opened because it inflates past the cap (status 'bad-payload'). */
  tooLarge?: true;
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
      fallbackKeys: config.fallbackKeys,
      flaskVersion: config.flaskVersion,
      salt: config.salt,
      maxAge: config.maxAge ?? DEFAULT_MAX_AGE,
      now: config.now ?? systemNow,
    });
    return { data, status: 'valid', keyIndex, signedAt };
  } catch (error) {
    if (error instanceof SignatureExpired) return { data: {}, status: 'expired' };
    if (error instanceof BadPayload) {
      return error.cause instanceof PayloadTooLarge
        ? { data: {}, status: 'bad-payload', tooLarge: true }
        : { data: {}, status: 'bad-payload' };
    }
    return { data: {}, status: 'bad-signature' };
  }
}

/** What the request did to the session. */
export interface SaveInput {
  data: SessionData;
  /** Set when the session was changed (Flask tracks this; nested mutation needs it set by hand). */
  modified: boolean;
  /** Set when the session was accessed (adds Vary: Cookie); `SessionState` tracks it per Flask version. */
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
 * Throws `NestingTooDeep` for data nested past what Flask can save (Flask raises RecursionError).
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
    partitioned: (config.flaskVersion ?? DEFAULT_FLASK_VERSION) === '3.1' && config.partitioned === true,
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
