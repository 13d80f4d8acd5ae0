/**
 * One plain sentence per exchange, for the inspector's timeline and for screen readers.
 */
import type { Exchange } from '../exchange/exchange.ts';

type Facts = Omit<Exchange, 'summary' | 'id' | 'at'>;

const openings: Record<string, string> = {
  'bad-signature':
    "The cookie's signature did not verify with the key in force, so the app got an empty session. ",
  expired: 'The cookie was older than the 31-day limit, so the app got an empty session. ',
  'bad-payload':
    'The cookie was signed correctly but its payload could not be read (real Flask answers 500 here); the sandbox used an empty session. ',
};

/** Where the sandbox parts from Flask: it does not open a payload that inflates past its cap. */
const tooBigOpening =
  "The cookie's payload inflates past 64 KB, so Session Lab did not open it and the app got an empty session (real Flask would inflate it, whatever its size). ";

/**
 * Describes an exchange in one or two short sentences. `tooBigToOpen`: the cookie sent was a
 * compressed payload past the inflate cap (status 'bad-payload' without opening it).
 */
export function summarize(facts: Facts, tooBigToOpen = false): string {
  const opening =
    tooBigToOpen && facts.session.status === 'bad-payload'
      ? tooBigOpening
      : (openings[facts.session.status] ?? '');
  const sent = facts.setCookies.some((header) => /^session=/.test(header));
  const deleted = facts.setCookies.some((header) => /^session=;/.test(header));
  const fallback = facts.session.status === 'valid' && (facts.session.keyIndex ?? 0) > 0;
  const via = fallback ? 'The cookie verified with a fallback key, not the current one. ' : '';
  switch (facts.action) {
    case 'show': {
      const branch =
        facts.templateBranch === 'if'
          ? "firstName is in the session, so the template's {% if %} printed it"
          : "firstName is not in the session, so the template's {% if %} printed nothing";
      const cookie = sent
        ? '; the cookie was sent again with a fresh date (permanent sessions are refreshed)'
        : '; no cookie was set';
      return `${opening}${via}Showed the page: ${branch}${cookie}.`;
    }
    case 'store':
    case 'store-second': {
      const key = facts.action === 'store' ? 'firstName' : 'favouriteColour';
      return `${opening}${via}Stored ${key} in the session and sent the whole session back in a new signed cookie.`;
    }
    case 'clear':
      return `${opening}Cleared the session, so the server told the browser to delete the cookie${deleted ? ' (Max-Age=0 / an Expires date in 1970)' : ''}.`;
    case 'permanent':
      return `${opening}${via}Made the session permanent: the cookie now carries an Expires date 31 days ahead.`;
    default:
      return `${opening}${via}Ran the lab experiment "${facts.labAction ?? 'lab'}".`;
  }
}
