/**
 * One plain sentence per exchange, for the inspector's timeline and for screen readers.
 */

import type { Exchange } from '../contract/exchange.ts';
import { deletesCookie, setCookiesNamed } from '../contract/set-cookie.ts';
import { describeVerdict } from '../cookie-tools/index.ts';

type Facts = Omit<Exchange, 'summary' | 'id' | 'at'>;

/** The server-side engine's verdict on an id the store does not know. */
export const UNKNOWN_ID =
  'The store has no row for this session id (logged out, expired or never issued), so the app got an empty session: a server-side session can be revoked.';

/** How the incoming cookie was judged, in the verdict vocabulary, and what that meant for the app. */
function openingOf(status: Facts['session']['status']): string {
  if (status === 'none' || status === 'valid') return '';
  if (status === 'unknown-id') return `${UNKNOWN_ID} `;
  const consequence =
    status === 'bad-payload'
      ? 'Real Flask answers 500 here; the sandbox used an empty session.'
      : 'So the app got an empty session.';
  return `${describeVerdict({ kind: status }).text} ${consequence} `;
}

/** Where the sandbox parts from Flask: it does not open a payload that inflates past its cap. */
const tooBigOpening =
  "The cookie's payload inflates past 64 KB, so Session Lab did not open it and the app got an empty session (real Flask would inflate it, whatever its size). ";

/**
 * Describes an exchange in one or two short sentences. `tooBigToOpen`: the cookie sent was a
 * compressed payload past the inflate cap (status 'bad-payload' without opening it).
 */
export function summarize(facts: Facts, tooBigToOpen: boolean): string {
  const opening = tooBigToOpen ? tooBigOpening : openingOf(facts.session.status);
  const sessionCookies = setCookiesNamed(facts.setCookies, 'session');
  const sent = sessionCookies.length > 0;
  const deleted = sessionCookies.some((cookie) => deletesCookie(cookie));
  // Only a cookie that verified has a key index.
  const fallback = (facts.session.keyIndex ?? 0) > 0;
  const via = fallback ? 'The cookie verified with a fallback key, not the current one. ' : '';
  switch (facts.action) {
    case 'show': {
      const branch =
        facts.templateBranch === 'if'
          ? "firstName is in the session, so the template's {% if %} printed it"
          : "firstName is not in the session, so the template's {% if %} printed nothing";
      const flashesRead = Object.hasOwn(facts.session.before, '_flashes');
      const cookie = flashesRead
        ? `; get_flashed_messages() showed the flashed messages and removed _flashes from the session, so the cookie was ${deleted ? 'deleted (nothing else was in it)' : 'sent again without them'}`
        : sent
          ? '; the cookie was sent again with a fresh date (permanent sessions are refreshed)'
          : '; no cookie was set';
      return `${opening}${via}Showed the page: ${branch}${cookie}.`;
    }
    case 'store':
    case 'store-second': {
      const key = facts.action === 'store' ? 'firstName' : 'favouriteColour';
      return `${opening}${via}Stored ${key} in the session and sent the whole session back in a new signed cookie.`;
    }
    case 'flash':
      return `${opening}${via}Stored firstName and flashed "Saved …": flash() appended ('message', …) to session['_flashes'] and sent the whole session back in a new signed cookie, where anyone can read it until a page shows it.`;
    case 'login':
      return `${opening}Logged in: session.clear() first, so nothing from before carries over, then session['user_id'] was stored and sent back in a new cookie.`;
    case 'login-failed':
      return `${opening}Wrong username or password: the page answered 401 and nothing was stored in the session.`;
    case 'logout':
      return `${opening}Logged out with session.clear(): the server told the browser to delete the cookie${deleted ? ' (Max-Age=0 / an Expires date in 1970)' : ''}. A copy of the old cookie kept elsewhere is not revoked by this.`;
    case 'members':
      return `${opening}${via}${Object.hasOwn(facts.session.before, 'user_id') ? "Showed the members' page: session['user_id'] says who is logged in" : "Refused the members' page (401): no user_id in the session"}.`;
    case 'clear':
      return `${opening}Cleared the session, so the server told the browser to delete the cookie${deleted ? ' (Max-Age=0 / an Expires date in 1970)' : ''}.`;
    case 'permanent':
      return `${opening}${via}Made the session permanent: the cookie now carries an Expires date 31 days ahead.`;
    default:
      return `${opening}${via}Ran the lab experiment "${facts.labAction ?? 'lab'}".`;
  }
}
