/**
 * Set-Cookie headers, one model for the whole project: the `cookie` package's `parseSetCookie`
 * (values kept as written, as Werkzeug reads them) and one rule for "does this header delete the
 * cookie". The recorder, the summaries and the browser's inspector all use these, so they never
 * disagree. No Node APIs here: the inspector's browser code imports this file too.
 */
import { parseSetCookie as parseWithOptions, type SetCookie } from 'cookie';

export type { SetCookie };

const asWritten = (value: string): string => value;

/**
 * Splits a `Set-Cookie` header into name, value and attributes (`maxAge` in seconds, `expires` a Date).
 * @example parseSetCookie('session=abc; HttpOnly; Path=/') // { name: 'session', value: 'abc', httpOnly: true, path: '/' }
 */
export function parseSetCookie(header: string): SetCookie {
  return parseWithOptions(header, { decode: asWritten });
}

/**
 * Whether a `Set-Cookie` deletes its cookie, as browsers judge it: `Max-Age` of zero or less, else
 * (Max-Age wins when both are given) an `Expires` at or before `now` (Unix milliseconds).
 * Flask sends both (`Expires=Thu, 01 Jan 1970 …; Max-Age=0`); cookie-session only the date.
 * @example deletesCookie(parseSetCookie('session=; Max-Age=0')) // true
 */
export function deletesCookie(cookie: SetCookie, now = Date.now()): boolean {
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0;
  return cookie.expires !== undefined && cookie.expires.getTime() <= now;
}

/** The `Set-Cookie` headers of a response, parsed, that set the cookie named `name`, in order. */
export function setCookiesNamed(headers: readonly string[], name: string): SetCookie[] {
  return headers.map(parseSetCookie).filter((cookie) => cookie.name === name);
}

/** The last `Set-Cookie` for `name` (the one a browser ends up with), or undefined. */
export function lastSetCookie(headers: readonly string[], name: string): SetCookie | undefined {
  return setCookiesNamed(headers, name).at(-1);
}

/**
 * The value out of whatever a learner pasted: a bare value, `session=…`, a whole
 * `Set-Cookie: session=…; HttpOnly; Path=/` or a `Cookie:` header with other cookies too.
 * The lab's forms on the page and on the server read pasted cookies with this one function.
 * @example pastedCookieValue('session=eyJ.a.b; HttpOnly; Path=/') // 'eyJ.a.b'
 */
export function pastedCookieValue(text: string, name = 'session'): string {
  const trimmed = text.trim().replace(/^(set-)?cookie:\s*/i, '');
  const pairs = trimmed.split(';').map((pair) => pair.trim());
  const named = pairs.find((pair) => pair.startsWith(`${name}=`));
  if (named !== undefined) return named.slice(name.length + 1).trim();
  // No `session=` pair: a bare value, perhaps with attributes after it.
  return pairs[0] ?? '';
}

/** The most bytes of name plus value a browser keeps for one cookie (RFC 6265bis; Chromium, Firefox). */
export const BROWSER_COOKIE_LIMIT = 4096;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/**
 * Whether browsers drop this cookie (silently, keeping any older one): its name and value together
 * are over `BROWSER_COOKIE_LIMIT` bytes. Werkzeug only warns past 4093 bytes of the whole header.
 * @example tooBigForBrowsers(parseSetCookie(`session=${'a'.repeat(4089)}`)) // true (4097 bytes)
 */
export function tooBigForBrowsers(cookie: SetCookie): boolean {
  return utf8Length(cookie.name) + utf8Length(cookie.value ?? '') > BROWSER_COOKIE_LIMIT;
}
