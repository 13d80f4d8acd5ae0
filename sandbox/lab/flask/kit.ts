/**
 * What every Flask lab experiment shares: one POST route per experiment that marks the record as that
 * experiment, runs it on the learner's own request, and answers with a redirect (or JSON); plus the
 * three ways an experiment changes the learner's cookies (new lab settings, a session signed with a
 * given key, a cookie value set as is).
 */
import { type Request, type Response, Router } from 'express';
import {
  anatomyKeysOf,
  FLASK_PATH,
  type FlaskRequest,
  flaskConfig,
  flaskOf,
  writeSessionCookie,
} from '../../apps/flask-engine.ts';
import { experimentWritesCookie, verifyAnatomyWith } from '../../exchange/context.ts';
import { type LabChoice, type LabSettings, saveLab } from '../../lab-settings/lab-settings.ts';
import { labSettingsOf } from '../../lab-settings/per-request.ts';
import { withBase } from '../../web/base-path.ts';
import { formParser } from '../../web/forms.ts';
import { finishLab, startLab } from '../respond.ts';

export interface LabOptions {
  /** The sandbox key: the learner's key until they change it. */
  sandboxKey: string;
  /** The server secret that seals the learner's lab cookie (undefined: a per-process random one). */
  serverSecret: string | undefined;
  bodyLimit: number;
  /** Unix seconds. */
  now: () => number;
}

/** One experiment's request: the form, the response, the Flask engine's session and the lab settings in force. */
export interface Experiment {
  req: Request;
  res: Response;
  flask: FlaskRequest;
  settings: LabSettings;
}

export interface LabKit {
  options: LabOptions;
  /** Adds POST `path`: experiment `name`, explained by `summary` (`run` may replace it). */
  experiment(path: string, name: string, summary: string, run: (x: Experiment) => void): void;
  /** The router, for a route that is not an experiment of this shape (guessing answers a page). */
  router: Router;
}

/** A router with the form parser, and the `experiment` helper on it. */
export function labKit(options: LabOptions): LabKit {
  const router = Router();
  router.use(formParser(options.bodyLimit));
  const experiment: LabKit['experiment'] = (path, name, summary, run) => {
    router.post(path, (req, res) => {
      startLab(res, name, summary);
      run({ req, res, flask: flaskOf(res), settings: labSettingsOf(res) });
      finishLab(req, res, 'flask');
    });
  };
  return { options, experiment, router };
}

/**
 * Sends new lab settings and uses them for this response's cookie anatomy. What `choice` leaves out
 * (the Flask version, say) stays as the learner had it.
 */
export function switchSettings(options: LabOptions, x: Experiment, choice: LabChoice): void {
  const next: LabChoice = { flaskVersion: x.settings.flaskVersion, ...choice };
  saveLab(x.res, next, options.sandboxKey, options.serverSecret);
  verifyAnatomyWith(x.res, anatomyKeysOf(flaskConfig(next, options.now)));
}

/** Writes the session cookie signed with `key`, as Flask's save_session would, instead of the engine. */
export function writeSession(options: LabOptions, x: Experiment, key: string): void {
  const config = flaskConfig({ key, fallbacks: [], flaskVersion: x.settings.flaskVersion }, options.now);
  experimentWritesCookie(x.res);
  writeSessionCookie(x.res, { data: x.flask.session.data, modified: true, accessed: true }, config);
}

/** Sets the session cookie to `value` exactly, as a browser's cookie editor would; the engine writes nothing. */
export function setCookieAsIs(x: Experiment, value: string): void {
  experimentWritesCookie(x.res);
  x.res.append('Set-Cookie', `session=${value}; HttpOnly; Path=${withBase(FLASK_PATH)}`);
}
