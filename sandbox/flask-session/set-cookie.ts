/**
 * Werkzeug's `dump_cookie` (2.2 and 3.1 write the same header): attributes in its order (Domain,
 * Expires, Max-Age, Secure, HttpOnly, Path, SameSite, and 3.1's Partitioned), and its size warning.
 */
import { formatHttpDate } from './http-date.ts';

/** Werkzeug's `max_size`: larger headers get a warning (browsers may drop them). */
export const MAX_COOKIE_SIZE = 4093;

/** What goes into one Set-Cookie header. */
export interface CookieFields {
  name: string;
  value: string;
  /** Unix seconds; written as an RFC 1123 GMT date. */
  expires?: number;
  maxAge?: number;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Werkzeug 3.1: adds `Partitioned` (CHIPS) and, as Werkzeug does, forces `Secure`. */
  partitioned?: boolean;
}

/** The header value and, when it is too large, Werkzeug's exact warning text. */
export function dumpCookie(fields: CookieFields): { header: string; sizeWarning?: string } {
  const parts = [`${fields.name}=${fields.value}`];
  if (fields.domain !== undefined) parts.push(`Domain=${fields.domain}`);
  if (fields.expires !== undefined) parts.push(`Expires=${formatHttpDate(fields.expires)}`);
  if (fields.maxAge !== undefined) parts.push(`Max-Age=${fields.maxAge}`);
  if (fields.secure || fields.partitioned) parts.push('Secure');
  if (fields.httpOnly) parts.push('HttpOnly');
  if (fields.path !== undefined) parts.push(`Path=${fields.path}`);
  if (fields.sameSite !== undefined) parts.push(`SameSite=${fields.sameSite}`);
  if (fields.partitioned) parts.push('Partitioned');
  const header = parts.join('; ');
  const sizeWarning = sizeWarningOf(fields.name, fields.value, header);
  return sizeWarning === undefined ? { header } : { header, sizeWarning };
}

/**
 * Werkzeug's warning, word for word, for a `Set-Cookie` header longer than `MAX_COOKIE_SIZE`
 * (undefined when it is not): what the server's engine records and, for real Flask in the
 * browser, what its Werkzeug warned. `value` as written in the header.
 */
export function sizeWarningOf(name: string, value: string, header: string): string | undefined {
  if (header.length <= MAX_COOKIE_SIZE) return undefined;
  const valueSize = new TextEncoder().encode(value).length;
  return (
    `The '${name}' cookie is too large: the value was ${valueSize} bytes but the header required ` +
    `${header.length - valueSize} extra bytes. The final size was ${header.length} bytes but the limit is ` +
    `${MAX_COOKIE_SIZE} bytes. Browsers may silently ignore cookies larger than this.`
  );
}
