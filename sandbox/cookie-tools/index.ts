/**
 * Tools that look at Flask session cookies from outside, built on the engine in ../flask-session/:
 * anatomy (cut a cookie into its parts and judge each), guess (find a weak key from a word list)
 * the display convention (tagged values as plain JSON for people and the oracle) and the words for
 * each verdict.
 */

export { describeVerdict, type VerdictKind, type VerdictWords } from '../contract/verdicts.ts';
export { fromConvention, isRawJson, toConvention } from '../flask-session/convention.ts';
export {
  type AnatomyOptions,
  type AnatomyVerdict,
  anatomy,
  type CookieAnatomy,
  type CookieSegment,
} from './anatomy.ts';
export { anatomyView } from './anatomy-view.ts';
export { conventionJson, parseConventionJson } from './convention-json.ts';
export { COMMON_SECRETS, type GuessOptions, type GuessResult, guessSecret } from './guess.ts';
export {
  parseSessionJson,
  SessionJsonError,
  type SessionJsonLimits,
  type SessionJsonProblem,
} from './session-json.ts';
