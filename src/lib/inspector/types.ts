/**
 * The inspector's view of the server's records. `Exchange` is the server's contract
 * (sandbox/contract/exchange.ts); `CookieAnatomyView` is what the inspector reads of a cookie's
 * anatomy, from an exchange or from POST /sandbox/api/decode.
 */
export type { Engine, Exchange } from '../../../sandbox/contract/exchange.ts';

import type { AnatomyVerdict, CookieAnatomy, CookieSegment } from '../../../sandbox/cookie-tools/index.ts';

export type AnatomySegment = CookieSegment;
export type SegmentKind = CookieSegment['kind'];
export type Verdict = AnatomyVerdict;

/** An anatomy as the browser receives it: the session value already in the tag convention (display JSON). */
export type CookieAnatomyView = Omit<CookieAnatomy, 'value' | 'signedAt'> & {
  value?: unknown;
  /** When it was signed: Unix seconds (or an ISO date). */
  signedAt?: number | string;
};

/** POST /sandbox/api/decode's JSON: decoding (no key needed) and verifying (needs the key), apart. */
export type { DecodeResponse } from '../../../sandbox/lab/api.ts';
