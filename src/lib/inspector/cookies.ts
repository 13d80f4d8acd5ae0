/**
 * Cookies as the inspector reads them. Set-Cookie headers are parsed, and judged as deletions, by
 * the one model the server's recorder uses too (sandbox/contract/set-cookie.ts, browser-safe).
 */
import { deletesCookie, type SetCookie } from '../../../sandbox/contract/set-cookie.ts';

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
 * What a too-big `Set-Cookie` is, wherever it is shown (the strip, the inspector, the lab's answer):
 * sent by the server, dropped by the browser.
 */
export const droppedCookieNote = 'the cookie the server tried to set (the browser drops it: over 4 KB)';

/** What the lab's own cookie is, wherever it shows up beside the app's session cookie. */
export const labCookieNote =
  'sandbox_lab is not the app’s session: it holds your lab settings (your own key and fallback keys), sealed by the server so only it can read them';
