/**
 * What a Flask session cookie holds, read in the page: the payload segment (base64url JSON, or
 * '.' + base64url zlib) decoded with the engine's own base64 and tag rules, inflated with pako,
 * and given in display JSON. The signature is not checked (the page has no key): this is what
 * anyone holding the cookie can read. Browser-safe: no node:crypto, no Buffer.
 */
import pako from 'pako';
import type { DisplaySession } from '../../../sandbox/contract/display-json.ts';
import { toConvention } from '../../../sandbox/flask-session/convention.ts';
import { a2bBase64, fromUtf8, utf8 } from '../../../sandbox/flask-session/encoding.ts';
import { taggedLoads } from '../../../sandbox/flask-session/tagged-json.ts';
import { isDict } from '../../../sandbox/flask-session/values.ts';

/** Past this, an inflated payload is not opened (the page stays responsive; Flask's cookies are < 4 KB). */
const maxInflatedBytes = 64 * 1024;

/** The payload segment of `payload.timestamp.signature` (a compressed one keeps its leading '.'). */
function payloadSegment(value: string): string | undefined {
  const parts = value.split('.');
  if (parts.length < 3) return undefined;
  return parts.slice(0, -2).join('.');
}

/** itsdangerous' base64 decode: padded to a multiple of four, then decoded leniently. */
function base64UrlBytes(text: string): Uint8Array {
  return a2bBase64(utf8(text + '='.repeat((4 - (text.length % 4)) % 4)), true);
}

/**
 * The JSON text a Flask cookie's payload holds (inflated when compressed), undefined when it does
 * not decode: what the inspector shows before the session is read from it.
 * @example payloadJson('eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM') // '{"firstName":"Ada"}'
 */
export function payloadJson(value: string): string | undefined {
  const segment = payloadSegment(value);
  if (segment === undefined || segment.length > maxInflatedBytes) return undefined;
  try {
    const compressed = segment.startsWith('.');
    let bytes = base64UrlBytes(compressed ? segment.slice(1) : segment);
    if (compressed) {
      bytes = pako.inflate(bytes);
      if (bytes.length > maxInflatedBytes) return undefined;
    }
    return fromUtf8(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The session a Flask cookie value carries, in display JSON; undefined when the value is not a
 * Flask session cookie the page can read (no three parts, bad base64, bad zlib, not a JSON object).
 * @example sessionInCookie('eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM') // { firstName: 'Ada' }
 */
export function sessionInCookie(value: string): DisplaySession | undefined {
  const json = payloadJson(value);
  if (json === undefined) return undefined;
  try {
    const data = taggedLoads(json);
    if (!isDict(data)) return undefined;
    // As a record sent by the server reads once parsed: exact-number lexemes become plain numbers.
    return JSON.parse(JSON.stringify(toConvention(data))) as DisplaySession;
  } catch {
    return undefined;
  }
}
