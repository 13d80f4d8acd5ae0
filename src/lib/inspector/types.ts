/**
 * The inspector's view of the server's records. `Exchange` is the server's contract
 * (sandbox/inspector/exchange.ts); `CookieAnatomyView` is what the inspector reads of a cookie's
 * anatomy, from an exchange or from POST /sandbox/api/decode.
 */
export type { Engine, Exchange } from '../../../sandbox/inspector/exchange.ts';

export type SegmentKind = 'compressed-flag' | 'payload' | 'timestamp' | 'signature';

export interface AnatomySegment {
  kind: SegmentKind;
  /** Offsets into the cookie value, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** One sentence saying what this part is. */
  meaning: string;
}

export type Verdict =
  | { kind: 'valid'; keyIndex: number }
  | { kind: 'unverified' }
  | { kind: 'bad-signature' }
  | { kind: 'expired' }
  | { kind: 'bad-payload'; reason: string }
  | { kind: 'not-flask'; reason: string };

export interface CookieAnatomyView {
  input: string;
  isFlaskCookie: boolean;
  compressed: boolean;
  segments: AnatomySegment[];
  /** The payload's JSON text, as signed. */
  json?: string;
  /** The session value in the tag convention (display JSON). */
  value?: unknown;
  /** When it was signed: Unix seconds (or an ISO date). */
  signedAt?: number | string;
  ageSeconds?: number;
  verdict: Verdict;
}

/** POST /sandbox/api/decode's JSON: decoding (no key needed) and verifying (needs the key), apart. */
export interface DecodeResponse {
  decoding: {
    isFlaskCookie: boolean;
    compressed: boolean;
    segments: AnatomySegment[];
    json: string | null;
    value: unknown;
    signedAt: number | null;
    ageSeconds: number | null;
    /** Why the cookie could not be read (not Flask, bad payload), else null. */
    problem: Verdict | null;
  };
  verifying: { checked: false } | { checked: true; verdict: Verdict };
}
