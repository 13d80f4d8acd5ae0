/**
 * Cookies a hostile student would send: a zlib bomb (a ~15.6 KB cookie whose payload inflates to
 * ~12 MB of JSON), unsigned or signed with the public demo key, and deeply nested Express sessions.
 */
import { deflateSync } from 'node:zlib';
import Keygrip from 'keygrip';
import { base64UrlEncode } from '../../sandbox/flask-session/encoding.ts';
import { DEFAULT_SALT } from '../../sandbox/flask-session/session-cookie.ts';
import { createSigner } from '../../sandbox/flask-session/signer.ts';
import { signTimed } from '../../sandbox/flask-session/timed.ts';

export const demoKey = 'w98fw9ef8hwe98fhwef';

/** Bytes of JSON inside the bomb. */
export const BOMB_JSON_BYTES = 12_000_000;

let payload: string | undefined;

/** `.` + base64url(zlib(~12 MB of a repeated session value)): a Flask compressed payload segment. */
export function bombPayload(): string {
  if (payload === undefined) {
    const json = `{"firstName":"${'A'.repeat(BOMB_JSON_BYTES - 17)}"}`;
    payload = `.${base64UrlEncode(deflateSync(json, { level: 9 }))}`;
  }
  return payload;
}

/** A payload segment signed as Flask signs a session (salt 'cookie-session'), with `key`. */
export function signPayload(
  payload: string,
  key = demoKey,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return signTimed(createSigner({ keys: [key], salt: DEFAULT_SALT }), payload, timestamp);
}

/** A Flask session cookie holding the JSON text `json` as it is (uncompressed), signed with `key`. */
export function flaskCookie(json: string, key = demoKey): string {
  return signPayload(Buffer.from(json).toString('base64url'), key);
}

/** The bomb with a timestamp and a signature made with `key` (Flask's signer, salt 'cookie-session'). */
export function signedBomb(key = demoKey, timestamp = Math.floor(Date.now() / 1000)): string {
  return signPayload(bombPayload(), key, timestamp);
}

/** The bomb with a well-formed timestamp and a 20-byte signature that matches no key. */
export function unsignedBomb(timestamp = Math.floor(Date.now() / 1000)): string {
  return signedBomb('not the key', timestamp);
}

/** A cookie-session cookie pair (`session`, `session.sig`) signed with `key`, holding the JSON text `json`. */
export function expressCookie(json: string, key = demoKey): string {
  const body = Buffer.from(json).toString('base64');
  const sig = new Keygrip([key]).sign(`session=${body}`);
  return `session=${body}; session.sig=${sig}`;
}

/** JSON text of a session whose value is `depth` arrays nested in one another (too deep for JSON.stringify). */
export function deeplyNested(depth: number): string {
  return `{"firstName":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}
