/**
 * The inspector's view of the server's records: the contract the browser and the server share
 * (sandbox/contract/), under the names the inspector uses.
 */
export type {
  AnatomyVerdict as Verdict,
  CookieAnatomyView,
  CookieSegment,
} from '../../../sandbox/contract/anatomy.ts';
export type { DisplayJson, DisplaySession } from '../../../sandbox/contract/display-json.ts';
export type { Engine, Exchange } from '../../../sandbox/contract/exchange.ts';
export type {
  DecodeAnswer,
  ErrorAnswer,
  ExperimentAnswer,
  GuessAnswer,
} from '../../../sandbox/contract/tool-answers.ts';

import type { CookieSegment } from '../../../sandbox/contract/anatomy.ts';

export type SegmentKind = CookieSegment['kind'];
