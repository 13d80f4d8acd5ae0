/**
 * The lab's experiments on the learner's own Flask sandbox session, at /sandbox/flask/lab/*.
 * Each changes only the learner's cookies (session, sandbox_lab), then shows the result in the app.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { storeLines } from '../apps/app-source.ts';
import { display, FLASK_PATH, type FlaskRequest, flaskConfig, flaskOf } from '../apps/flask-engine.ts';
import { exchangeOf } from '../exchange/context.ts';
import { saveSession } from '../flask-session/index.ts';
import {
  defaultLab,
  isValidKey,
  type LabChoice,
  type LabSettings,
  labOf,
  MAX_FALLBACKS,
  MAX_KEY_LENGTH,
  saveLab,
} from '../keys/lab-settings.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { formParser, HttpError, optionalField, requireField } from '../web/forms.ts';
import { MAX_COOKIE_INPUT, requireCookieValue } from './cookie-input.ts';
import { parseForgedSession } from './forge.ts';
import { sendGuess } from './guess-page.ts';
import { finishLab, startLab } from './respond.ts';
import { WEAK_KEYS } from './weak-keys.ts';

export interface LabOptions {
  /** The sandbox key: the learner's key until they change it. */
  defaultKey: string;
  /** The server secret that seals the learner's lab cookie (undefined: a per-process random one). */
  serverSecret: string | undefined;
  bodyLimit: number;
  /** Unix seconds. */
  now: () => number;
}

/** The oversize experiment's value length: enough to push the cookie past 4 KB. */
export const OVERSIZE_LENGTH = 5000;

interface Experiment {
  req: Request;
  res: Response;
  flask: FlaskRequest;
  settings: LabSettings;
}

/** Builds the Flask lab router. */
export function createFlaskLab({ defaultKey, serverSecret, bodyLimit, now }: LabOptions): Router {
  const router = Router();
  router.use(formParser(bodyLimit));

  /** Runs an experiment, then answers with a redirect (or JSON). */
  const experiment =
    (name: string, summary: string, run: (x: Experiment) => void) => (req: Request, res: Response) => {
      startLab(res, name, summary);
      run({ req, res, flask: flaskOf(res), settings: labOf(req, defaultKey, serverSecret) });
      finishLab(req, res, 'flask');
    };

  /** Uses new key settings for this response's cookie and its anatomy. */
  const switchKeys = (res: Response, settings: LabChoice) => {
    saveLab(res, settings, defaultKey, serverSecret);
    exchangeOf(res).anatomyKeys = { secretKey: settings.key, fallbackKeys: settings.fallbacks, now };
  };

  /** Writes the session cookie signed with `key`, as Flask's save_session would, instead of the engine. */
  const writeSession = (x: Experiment, key: string) => {
    const saved = saveSession(
      { data: x.flask.session.data, modified: true, accessed: true },
      flaskConfig(key, [], now),
    );
    exchangeOf(x.res).save = undefined;
    if (saved.setCookie !== null) x.res.append('Set-Cookie', saved.setCookie);
    if (saved.vary) x.res.vary('Cookie');
    if (saved.sizeWarning !== undefined) exchangeOf(x.res).cookieWarning = saved.sizeWarning;
  };

  router.post(
    '/tamper',
    experiment(
      'tamper',
      'You edited the session cookie as a browser would hold it; the next request shows whether its signature still verifies.',
      ({ req, res }) => {
        const value = requireCookieValue(req);
        exchangeOf(res).save = undefined;
        res.append('Set-Cookie', `session=${value}; HttpOnly; Path=${withBase(FLASK_PATH)}`);
      },
    ),
  );

  router.post(
    '/key',
    experiment(
      'set-key',
      'You changed the secret key: cookies signed with the old key stop verifying, unless it was kept as a fallback.',
      ({ req, res, settings }) => {
        const secretKey = requireField(req, 'secretKey', MAX_KEY_LENGTH);
        if (!isValidKey(secretKey))
          throw new HttpError(400, `Type a secret key of 1 to ${MAX_KEY_LENGTH} characters.`);
        const mode = optionalField(req, 'mode', 20) ?? 'replace';
        if (mode !== 'replace' && mode !== 'rotate')
          throw new HttpError(400, 'mode must be "replace" or "rotate".');
        if (mode === 'rotate') {
          exchangeOf(res).labAction = 'rotate-key';
          exchangeOf(res).summary =
            'You rotated the secret key: new cookies are signed with the new key, and the old key is kept as a fallback so existing cookies still verify.';
        }
        // A hidden (weak) key stays hidden as a fallback; the key typed here is the learner's own.
        const kept =
          mode === 'rotate'
            ? [...settings.fallbacks, settings.key]
                .map((key, i) => ({
                  key,
                  hidden: [...settings.fallbacksHidden, settings.hidden][i] === true,
                }))
                .filter(({ key }) => key !== secretKey)
                .slice(-MAX_FALLBACKS)
            : [];
        exchangeOf(res).save = undefined;
        switchKeys(res, {
          key: secretKey,
          fallbacks: kept.map(({ key }) => key),
          fallbacksHidden: kept.map(({ hidden }) => hidden),
        });
      },
    ),
  );

  router.post(
    '/resign',
    experiment(
      'resign',
      'You set session.modified = True, so the session was signed again with the current key.',
      ({ flask }) => {
        flask.session.markModified();
      },
    ),
  );

  router.post(
    '/reset',
    experiment('reset', 'Your sandbox is back to the public demo key, with no fallback keys.', ({ res }) => {
      exchangeOf(res).save = undefined;
      switchKeys(res, defaultLab(defaultKey));
    }),
  );

  router.post(
    '/forge',
    experiment(
      'forge',
      'You signed a session of your own with a key you know; the app accepts it whenever that key is the one in force.',
      (x) => {
        const data = parseForgedSession(requireField(x.req, 'json'));
        // No key given: sign with the key in force (the learner's lab key, else the sandbox key).
        const key = optionalField(x.req, 'secretKey', MAX_KEY_LENGTH) || x.settings.key;
        x.flask.session.clear();
        for (const [name, value] of Object.entries(data)) x.flask.session.set(name, value);
        writeSession(x, key);
        exchangeOf(x.res).after = () => display(data);
      },
    ),
  );

  router.post(
    '/weak-key',
    experiment(
      'weak-key',
      'Your sandbox now signs with a short common word instead of the demo key. Try to guess it from your cookie.',
      (x) => {
        const key = WEAK_KEYS[randomInt(WEAK_KEYS.length)] as string;
        switchKeys(x.res, { key, fallbacks: [], hidden: true });
        if (Object.keys(x.flask.session.data).length === 0) {
          exchangeOf(x.res).save = undefined;
          exchangeOf(x.res).summary =
            'Your sandbox now signs with a short common word. Store your first name to get a cookie signed with it, then try to guess the key.';
        } else {
          writeSession(x, key);
        }
      },
    ),
  );

  router.post(
    '/oversize',
    experiment(
      'oversize',
      'You stored a 5000-character value: the cookie passed the ~4 KB that browsers keep, so Werkzeug warned and browsers silently drop it, keeping the old cookie.',
      ({ res, flask }) => {
        // It stores a value in the session, as the store route's assignment line does.
        exchangeOf(res).codeLines = storeLines();
        // Random text, because zlib would shrink a repeated character to almost nothing.
        flask.session.set('notes', randomBytes((OVERSIZE_LENGTH * 3) / 4).toString('base64url'));
      },
    ),
  );

  // Guessing reads the session cookie the browser sends here (or a pasted one) and shows a result page.
  router.post('/guess', (req, res) => {
    startLab(res, 'guess', 'The sandbox tried the built-in list of weak keys against your cookie.');
    sendGuess(req, res, optionalField(req, 'cookie', MAX_COOKIE_INPUT) || readCookie(req, 'session'));
  });

  return router;
}
