/**
 * Cookies as the inspector reads them. Set-Cookie headers are parsed, and judged as deletions, by
 * the one model the server's recorder uses too (sandbox/contract/set-cookie.ts, browser-safe).
 */
import { deletesCookie, type SetCookie } from '../../../sandbox/contract/set-cookie.ts';
import type { Exchange } from './types.ts';

export { type CookiePair, cookieValue, parseCookieHeader } from '../../../sandbox/contract/cookie-header.ts';
export {
  deletesCookie,
  lastSetCookie,
  parseSetCookie,
  pastedCookieValue,
  type SetCookie,
  setCookiesNamed,
} from '../../../sandbox/contract/set-cookie.ts';

/**
 * What a deleting `Set-Cookie` really does to the cookie the browser holds at `heldPath`: browsers
 * remove a cookie only when name and Path both match. cookie-session, for one, expires a bad
 * `session.sig` at Path=/, which leaves the sandbox's /sandbox/express cookie in place.
 * @example deletionNote(parseSetCookie('session=; Max-Age=0; Path=/a'), '/a') // 'deletes the cookie'
 */
export function deletionNote(cookie: SetCookie, heldPath: string, now = Date.now()): string | undefined {
  if (!deletesCookie(cookie, now)) return undefined;
  const path = cookie.path ?? heldPath;
  return path === heldPath
    ? 'deletes the cookie'
    : `expires a cookie at Path=${path}, not the one held at Path=${heldPath}, which stays`;
}

/**
 * `deletionNote` for a `Set-Cookie` of an exchange. The server's engines hold their cookie at
 * `serverPath` (/sandbox/<engine>); for real Flask in the browser the page's jar has judged the
 * session cookie already (its `cookieAfter` is null once deleted), and the app's Path is its own.
 * @example exchangeDeletionNote(browserFlaskClear, parseSetCookie('session=; Max-Age=0; Path=/'), '/sandbox/flask') // 'deletes the cookie'
 */
export function exchangeDeletionNote(
  exchange: Exchange,
  cookie: SetCookie,
  serverPath: string,
): string | undefined {
  if (exchange.engine !== 'browser-flask') return deletionNote(cookie, serverPath, exchange.at);
  if (!deletesCookie(cookie, exchange.at)) return undefined;
  if (cookie.name !== 'session' || exchange.cookieAfter === null) return 'deletes the cookie';
  return `expires a cookie at Path=${cookie.path ?? '/'}, not the one the browser holds, which stays`;
}

/**
 * What a too-big `Set-Cookie` is, wherever it is shown (the strip, the inspector, the lab's answer):
 * sent by the server, dropped by the browser.
 */
export const droppedCookieNote = 'the cookie the server tried to set (the browser drops it: over 4 KB)';

/** What the lab's own cookie is, wherever it shows up beside the app's session cookie. */
export const labCookieNote =
  'sandbox_lab is not the app’s session: it holds your lab settings (your own key and fallback keys), sealed by the server so only it can read them';
