/**
 * The learner's choice of which Flask their sandbox behaves as (kept in their sealed lab cookie):
 * 3.1, what `pip install flask` gives, or 2.2 (Debian 12's). The cookie bytes are the same; what
 * differs is `Vary: Cookie` after `'firstName' in session`, and whether fallback keys are honoured.
 */
import { exchangeOf, experimentWritesCookie } from '../../exchange/context.ts';
import { isFlaskVersion } from '../../flask-session/index.ts';
import { httpError, requireField } from '../../web/forms.ts';
import { type LabKit, switchSettings } from './kit.ts';

const explained = {
  '3.1':
    "Your sandbox now behaves as Flask 3.1: 'firstName' in session counts as an access, so even the first page sends Vary: Cookie, and SECRET_KEY_FALLBACKS are honoured when you rotate keys.",
  '2.2':
    "Your sandbox now behaves as Flask 2.2: 'firstName' in session is not an access, so the first page sends no Vary: Cookie, and there is no SECRET_KEY_FALLBACKS: after a rotation, cookies signed with the old key stop verifying.",
} as const;

export function versionExperiment(lab: LabKit): void {
  lab.experiment('/flask-version', 'flask-version', explained['3.1'], (x) => {
    const version = requireField(x.req, 'version', 10);
    if (!isFlaskVersion(version)) throw httpError(400, 'version must be "3.1" or "2.2".');
    const state = exchangeOf(x.res);
    state.summary = explained[version];
    experimentWritesCookie(x.res); // none: the browser keeps its cookie
    switchSettings(lab.options, x, { ...x.settings, flaskVersion: version });
  });
}
