/**
 * Reading request cookies the way Werkzeug does: values taken as written (no URL decoding), the
 * first of two same-named cookies wins. Parsing is the `cookie` package's, which never throws.
 */

import { parseCookie } from 'cookie';
import type { Request } from 'express';

const asWritten = (value: string): string => value;

/** The value of cookie `name` in the request, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header, { decode: asWritten })[name];
}

/**
 * The request's Cookie header with only the sandbox's cookies (names starting with 'session' or
 * 'sandbox_'), pairs kept exactly as sent; null when none. The rest of the site's cookies stay private.
 */
export function sandboxCookieHeader(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith('session') || pair.startsWith('sandbox_'));
  return kept.length > 0 ? kept.join('; ') : null;
}

/** RFC 6265 cookie-octets: what a cookie value may contain without quoting. */
export function isCookieValue(value: string): boolean {
  return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
}
