/**
 * Reading request cookies the way Werkzeug does: values taken as written (no URL decoding), the
 * first of two same-named cookies wins. The reading is the contract's (sandbox/contract/
 * cookie-header.ts), the page's too, so the inspector shows what the app got.
 */

import type { Request } from 'express';
import { cookieNameOf, cookieValue } from '../contract/cookie-header.ts';

/** A cookie the sandbox reads (and no other). */
export type SandboxCookie = 'session' | 'session.sig' | 'sandbox_lab' | 'sandbox_challenges';

/** The value of sandbox cookie `name` in the request, or undefined. */
export function readCookie(req: Request, name: SandboxCookie): string | undefined {
  return cookieValue(req.headers.cookie, name);
}

/**
 * The only cookies the sandbox ever reads, records or shows: Flask's and cookie-session's `session`,
 * cookie-session's signature `session.sig`, and the learner's sealed lab settings and challenge
 * progress. Other apps on the
 * same host (`sessionid`, `session_token`…) keep theirs private.
 */
export const SANDBOX_COOKIES: ReadonlySet<string> = new Set<SandboxCookie>([
  'session',
  'session.sig',
  'sandbox_lab',
  'sandbox_challenges',
]);

/** The request's Cookie header with only the sandbox's cookies, pairs kept exactly as sent; null when none. */
export function sandboxCookieHeader(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => SANDBOX_COOKIES.has(cookieNameOf(pair) ?? ''));
  return kept.length > 0 ? kept.join('; ') : null;
}

/** RFC 6265 cookie-octets: what a cookie value may contain without quoting. */
export function isCookieValue(value: string): boolean {
  return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
}
