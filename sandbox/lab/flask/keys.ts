/**
 * Experiments on the learner's keys: set or rotate a key, go back to the demo key, get a weak key to
 * guess. Each changes only the learner's sealed lab cookie (and, for the weak key, re-signs the session).
 */
import { randomInt } from 'node:crypto';
import { exchangeOf, experimentWritesCookie } from '../../exchange/context.ts';
import { signSession } from '../../flask-session/index.ts';
import {
  isValidKey,
  type LabSettings,
  MAX_FALLBACKS,
  MAX_KEY_LENGTH,
} from '../../lab-settings/lab-settings.ts';
import { httpError, optionalField, requireField } from '../../web/forms.ts';
import { WEAK_KEYS } from '../weak-keys.ts';
import { type Experiment, type LabKit, setCookieAsIs, switchSettings, writeSession } from './kit.ts';

export function keyExperiments(lab: LabKit): void {
  const { options } = lab;
  lab.experiment(
    '/key',
    'set-key',
    'You changed the secret key: cookies signed with the old key stop verifying, unless it was kept as a fallback.',
    (x) => setKey(lab, x),
  );
  lab.experiment(
    '/reset',
    'reset',
    'Your sandbox is back to the public demo key, with no fallback keys.',
    (x) => {
      experimentWritesCookie(x.res); // none: the browser keeps its cookie
      switchSettings(options, x, { key: options.sandboxKey, fallbacks: [] });
    },
  );
  lab.experiment(
    '/weak-key',
    'weak-key',
    'Your sandbox now signs with a short common word instead of the demo key. Try to guess it from your cookie.',
    (x) => useWeakKey(lab, x),
  );
}

/** POST /key: `secretKey`, and `mode` 'replace' (default) or 'rotate' (keep the old key as a fallback). */
function setKey(lab: LabKit, x: Experiment): void {
  const secretKey = requireField(x.req, 'secretKey', MAX_KEY_LENGTH);
  if (!isValidKey(secretKey)) throw httpError(400, `Type a secret key of 1 to ${MAX_KEY_LENGTH} characters.`);
  const mode = optionalField(x.req, 'mode', 20) ?? 'replace';
  if (mode !== 'replace' && mode !== 'rotate') throw httpError(400, 'mode must be "replace" or "rotate".');
  const state = exchangeOf(x.res);
  if (mode === 'rotate') {
    state.labAction = 'rotate-key';
    state.summary =
      x.settings.flaskVersion === '2.2'
        ? 'You rotated the secret key, but your sandbox behaves as Flask 2.2, which has no SECRET_KEY_FALLBACKS: the old key is kept and silently ignored, so existing cookies stop verifying.'
        : 'You rotated the secret key: new cookies are signed with the new key, and the old key is kept as a fallback so existing cookies still verify.';
  }
  const kept = mode === 'rotate' ? keptFallbacks(x.settings, secretKey) : [];
  experimentWritesCookie(x.res); // none: the browser keeps its cookie
  switchSettings(lab.options, x, {
    key: secretKey,
    fallbacks: kept.map(({ key }) => key),
    fallbacksHidden: kept.map(({ hidden }) => hidden),
  });
}

/** Rotating: the old keys plus the current one, most recent last; a hidden (weak) key stays hidden. */
function keptFallbacks(settings: LabSettings, newKey: string): { key: string; hidden: boolean }[] {
  const hidden = [...settings.fallbacksHidden, settings.hidden];
  return [...settings.fallbacks, settings.key]
    .map((key, i) => ({ key, hidden: hidden[i] === true }))
    .filter(({ key }) => key !== newKey)
    .slice(-MAX_FALLBACKS);
}

/** POST /weak-key: a word from the list becomes the learner's (hidden) key; the session is re-signed with it. */
function useWeakKey(lab: LabKit, x: Experiment): void {
  const key = WEAK_KEYS[randomInt(WEAK_KEYS.length)] as string;
  switchSettings(lab.options, x, { key, fallbacks: [], hidden: true });
  if (Object.keys(x.flask.session.data).length > 0) {
    writeSession(lab.options, x, key);
    return;
  }
  // Flask sends no cookie for an empty session; the lab signs `{}` anyway, so there is always a
  // cookie signed with the weak key to attack (a real Flask app opens it as an empty session).
  setCookieAsIs(x, signSession({}, { secretKey: key, timestamp: Math.floor(lab.options.now()) }));
  exchangeOf(x.res).summary =
    'Your sandbox now signs with a short common word, and your (empty) session was signed with it: guess the key from that cookie.';
}
