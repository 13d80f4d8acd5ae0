/**
 * The lab's experiments on the learner's own Flask sandbox session, at /sandbox/flask/lab/*.
 * Each changes only the learner's cookies (session, sandbox_lab), then shows the result in the app.
 * One file per group: keys.ts (set, rotate, reset, weak key), cookie.ts (tamper, replay, re-sign,
 * forge, oversize), version.ts (which Flask to behave as), guess.ts.
 */
import type { Router } from 'express';
import { cookieExperiments } from './cookie.ts';
import { guessExperiment } from './guess.ts';
import { keyExperiments } from './keys.ts';
import { type LabOptions, labKit } from './kit.ts';
import { versionExperiment } from './version.ts';

export { OVERSIZE_LENGTH, REPLAY_SUMMARY } from './cookie.ts';
export type { LabOptions } from './kit.ts';

/** Builds the Flask lab router. */
export function createFlaskLab(options: LabOptions): Router {
  const lab = labKit(options);
  keyExperiments(lab);
  cookieExperiments(lab);
  versionExperiment(lab);
  guessExperiment(lab);
  return lab.router;
}
