/**
 * Experiments on the learner's session cookie: tamper with it, re-sign it, forge one, make one too
 * big, and send an older one again (replay). Each changes only the learner's own session cookie.
 */
import { randomBytes } from 'node:crypto';
import { storeLines } from '../../apps/app-source.ts';
import { toConvention } from '../../cookie-tools/index.ts';
import { exchangeOf, experimentWritesCookie } from '../../exchange/context.ts';
import { MAX_KEY_LENGTH } from '../../lab-settings/lab-settings.ts';
import { httpError, optionalField, requireField } from '../../web/forms.ts';
import { requireCookieValue } from '../cookie-input.ts';
import { parseForgedSession } from '../forge.ts';
import { type Experiment, type LabKit, setCookieAsIs, writeSession } from './kit.ts';

/** The oversize experiment's value length: enough to push the cookie past 4 KB. */
export const OVERSIZE_LENGTH = 5000;

/** What the replay experiment teaches, in one record summary. */
export const REPLAY_SUMMARY =
  'You sent an older cookie of yours again, as anyone who copied it could. Flask keeps no record of the cookies it issued: ' +
  'if the signature verifies and the cookie is under 31 days old, the next page accepts it, even after session.clear() or a log-out. ' +
  'Revoking a cookie needs server state: a per-user session version checked on every request, or server-side sessions (Flask-Session).';

export function cookieExperiments(lab: LabKit): void {
  lab.experiment(
    '/tamper',
    'tamper',
    'You edited the session cookie as a browser would hold it; the next request shows whether its signature still verifies.',
    (x) => setCookieAsIs(x, requireCookieValue(x.req)),
  );
  lab.experiment('/replay', 'replay', REPLAY_SUMMARY, (x) => setCookieAsIs(x, requireCookieValue(x.req)));
  lab.experiment(
    '/resign',
    'resign',
    'You set session.modified = True, so the session was signed again with the current key.',
    ({ flask }) => flask.session.markModified(),
  );
  lab.experiment(
    '/forge',
    'forge',
    'You signed a session of your own with a key you know; the app accepts it whenever that key is the one in force.',
    (x) => forge(lab, x),
  );
  lab.experiment(
    '/oversize',
    'oversize',
    'You stored a 5000-character value: the cookie passed the ~4 KB that browsers keep, so Werkzeug warned and browsers silently drop it, keeping the old cookie.',
    ({ res, flask }) => {
      // It stores a value in the session, as the store route's assignment line does.
      exchangeOf(res).codeLines = storeLines();
      // Random text, because zlib would shrink a repeated character to almost nothing.
      flask.session.set('notes', randomBytes((OVERSIZE_LENGTH * 3) / 4).toString('base64url'));
    },
  );
}

/** POST /forge: `json` (the tag convention) signed with `secretKey`, else with the key in force. */
function forge(lab: LabKit, x: Experiment): void {
  const data = parseForgedSession(requireField(x.req, 'json'));
  const typed = optionalField(x.req, 'secretKey', MAX_KEY_LENGTH);
  // A hidden weak key is never used for the learner: finding it is the exercise.
  if (!typed && x.settings.hidden)
    throw httpError(
      400,
      'The key in force is a hidden weak key: guess it first ("Guess the key from my cookie"), then type it here.',
    );
  const key = typed || x.settings.key;
  x.flask.session.clear();
  for (const [name, value] of Object.entries(data)) x.flask.session.set(name, value);
  writeSession(lab.options, x, key);
  experimentWritesCookie(x.res, () => toConvention(data));
}
