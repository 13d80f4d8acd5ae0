/**
 * The session cookie value: Flask's `URLSafeTimedSerializer` with salt 'cookie-session', tagged JSON
 * inside. Key order: `secretKey` signs; `fallbackKeys` are only accepted (Flask 3.1's
 * SECRET_KEY_FALLBACKS; ignored when following Flask 2.2); keyIndex 0 = secretKey, i = fallbackKeys[i - 1].
 */
import { BadPayload, BadSignature, NestingTooDeep } from './errors.ts';
import { acceptedFallbacks, DEFAULT_FLASK_VERSION, type FlaskVersion } from './flask-version.ts';
import { dumpPayload, loadPayload } from './serializer.ts';
import { createSigner } from './signer.ts';
import { taggedDumps, taggedLoads } from './tagged-json.ts';
import { signTimed, unsignTimed } from './timed.ts';
import { isDict, type SessionData } from './values.ts';

/** Flask's `SecureCookieSessionInterface.salt`. */
export const DEFAULT_SALT = 'cookie-session';

/** The clock used when none is injected: Unix seconds. */
export const systemNow = (): number => Date.now() / 1000;

/** Throws a setup error when there is no key, as Flask refuses sessions without `secret_key`. */
export function requireKey(secretKey: unknown): string {
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new TypeError('No secret key: set secretKey (Flask refuses sessions without app.secret_key).');
  }
  return secretKey;
}

/**
 * The signed cookie value Flask would set for `data`, signed at `timestamp` (Unix seconds).
 * Throws `NestingTooDeep` where Flask's save would raise RecursionError.
 */
export function signSession(
  data: SessionData,
  config: { secretKey: string; salt?: string; timestamp: number },
): string {
  const signer = createSigner({ keys: [requireKey(config.secretKey)], salt: config.salt ?? DEFAULT_SALT });
  return signTimed(signer, dumpPayload(taggedDumps(data)), config.timestamp);
}

/** Settings for loading a cookie. */
export interface LoadConfig {
  secretKey: string;
  /** Older keys still accepted (Flask 3.1's SECRET_KEY_FALLBACKS); ignored for flaskVersion '2.2'. */
  fallbackKeys?: string[];
  /** Which Flask to follow, default '3.1': fallback keys and nesting limits differ. */
  flaskVersion?: FlaskVersion;
  salt?: string;
  /** Maximum age in seconds; no age check when omitted (Flask's open_session passes 31 days). */
  maxAge?: number;
  /** Unix seconds; defaults to the system clock. */
  now?: () => number;
}

/** A verified cookie: its data, which key matched and when it was signed. */
export interface LoadedCookie {
  data: SessionData;
  keyIndex: number;
  signedAt: number;
}

/** Verifies and decodes a cookie value. Throws only `BadData` subclasses for a bad cookie. */
export function loadSessionDetailed(cookie: string, config: LoadConfig): LoadedCookie {
  const keys = [requireKey(config.secretKey), ...acceptedFallbacks(config.flaskVersion, config.fallbackKeys)];
  if (typeof cookie !== 'string') throw new BadSignature('The cookie is not a string');
  const signer = createSigner({ keys, salt: config.salt ?? DEFAULT_SALT });
  const { value, signedAt, keyIndex } = unsignTimed(signer, cookie, {
    maxAge: config.maxAge,
    now: config.now ?? systemNow,
  });
  return { data: decodeSessionPayload(value, config.flaskVersion), keyIndex, signedAt };
}

/** `loadSessionDetailed` returning only the data. */
export function loadSession(cookie: string, config: LoadConfig): SessionData {
  return loadSessionDetailed(cookie, config).data;
}

/**
 * Decodes a payload segment (signature not checked) to session data. Throws `BadPayload`.
 * Deviations: JSON that is not an object is a BadPayload here (Flask's loads returns it, then
 * building the session fails or turns a list of pairs into a dict); so are nesting past what the
 * Flask followed loads and a payload inflating past 64 KiB (Flask answers 500 / inflates anything).
 */
export function decodeSessionPayload(
  segment: string,
  flaskVersion: FlaskVersion = DEFAULT_FLASK_VERSION,
): SessionData {
  return decodeSessionJson(loadPayload(segment), flaskVersion);
}

/** The session data in a payload's JSON text (see `decodeSessionPayload`). Throws `BadPayload`. */
export function decodeSessionJson(
  json: string,
  flaskVersion: FlaskVersion = DEFAULT_FLASK_VERSION,
): SessionData {
  let value: unknown;
  try {
    value = taggedLoads(json, flaskVersion);
  } catch (error) {
    if (error instanceof NestingTooDeep) {
      throw new BadPayload(
        `the session nests deeper than Flask ${flaskVersion} loads (${error.limit} levels)`,
        error,
      );
    }
    throw new BadPayload(
      'Could not load the payload because an exception occurred on unserializing the data',
      error,
    );
  }
  if (!isDict(value))
    throw new BadPayload('The payload is valid JSON but not an object, so it is not a session');
  return value;
}
