/**
 * Flask's session cookie, the little the code tasks need, in browser-safe code (WebCrypto and
 * pako; no Buffer, no node:crypto): read a cookie's payload and timestamp, sign a session of plain
 * strings with a key, and tell whether a cookie was signed with a key. The server's full engine
 * (sandbox/flask-session/) uses Node's crypto and Buffer, so the page cannot import it; the unit
 * tests check that this file's bytes equal the engine's.
 */
import pako from 'pako';

/** Flask's salt for the session cookie's key derivation. */
const salt = 'cookie-session';

/** A Flask cookie, read without checking its signature. */
export interface ReadCookie {
  /** The session's data with Flask's tags undone where the tasks need it (` t` tuples → arrays). */
  data: Record<string, unknown>;
  /** When it was signed, Unix seconds. */
  timestamp: number;
}

/**
 * Reads a Flask session cookie's payload and timestamp; undefined when it is not one.
 * @example readFlaskCookie('eyJ4IjoiMSJ9.ZVPxAA.sig')?.timestamp // 1700000000
 */
export function readFlaskCookie(value: string): ReadCookie | undefined {
  const parts = value.split('.');
  if (parts.length < 3) return undefined;
  const [timestampPart] = parts.slice(-2);
  const compressed = value.startsWith('.');
  const payloadPart = parts.slice(compressed ? 1 : 0, -2).join('.');
  try {
    let bytes = fromBase64Url(payloadPart);
    if (compressed) bytes = pako.inflate(bytes);
    const data: unknown = untag(JSON.parse(new TextDecoder().decode(bytes)));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    const timestamp = [...fromBase64Url(timestampPart ?? '')].reduce((sum, byte) => sum * 256 + byte, 0);
    return { data: data as Record<string, unknown>, timestamp };
  } catch {
    return undefined;
  }
}

/**
 * The cookie value Flask would set for `data` (strings only) with `secret`, signed at `timestamp`.
 * @example await signFlaskCookie({ firstName: 'Ada' }, 'key', 1700000000) // 'eyJmaXJzdE5hbWUiOiJBZGEifQ.ZVPxAA.…'
 */
export async function signFlaskCookie(
  data: Record<string, string>,
  secret: string,
  timestamp: number,
): Promise<string> {
  const value = `${dumpPayload(data)}.${toBase64Url(timestampBytes(timestamp))}`;
  return `${value}.${toBase64Url(await mac(secret, value))}`;
}

/** Whether `cookie` carries a signature made with `secret` (its age is not judged here). */
export async function signedWith(cookie: string, secret: string): Promise<boolean> {
  const cut = cookie.lastIndexOf('.');
  if (cut < 0) return false;
  return toBase64Url(await mac(secret, cookie.slice(0, cut))) === cookie.slice(cut + 1);
}

/** Flask's JSON (keys sorted by code point, compact, ASCII only), compressed when that saves 2 bytes. */
function dumpPayload(data: Record<string, string>): string {
  const keys = Object.keys(data).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const json = `{${keys.map((key) => `${asciiJson(key)}:${asciiJson(data[key] ?? '')}`).join(',')}}`;
  const plain = new TextEncoder().encode(json);
  const deflated = pako.deflate(plain, { level: 6 });
  return deflated.length < plain.length - 1 ? `.${toBase64Url(deflated)}` : toBase64Url(plain);
}

function asciiJson(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** HMAC-SHA1 with the key itsdangerous derives: HMAC-SHA1(secret, salt). */
async function mac(secret: string, message: string): Promise<Uint8Array> {
  const derived = await hmacSha1(new TextEncoder().encode(secret), new TextEncoder().encode(salt));
  return hmacSha1(derived, new TextEncoder().encode(message));
}

async function hmacSha1(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, message as BufferSource));
}

function timestampBytes(seconds: number): Uint8Array {
  const bytes: number[] = [];
  for (let rest = Math.floor(seconds); rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return new Uint8Array(bytes);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** Undoes the tags the tasks meet: ` t` (tuple) and ` di` (a dict with a tag-like key). */
function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [tag, inner] = entries[0] as [string, unknown];
    if (tag === ' t' || tag === ' di') return untag(inner);
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, untag(inner)]));
}
