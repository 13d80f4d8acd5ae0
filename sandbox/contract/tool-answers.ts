/**
 * The JSON answers of the cookie tools at /sandbox/api and of the lab's experiments, as the page
 * reads them (the server builds them in sandbox/lab/).
 */
import type { AnatomyVerdict, CookieSegment } from './anatomy.ts';
import type { DisplaySession } from './display-json.ts';
import type { Exchange } from './exchange.ts';
import type { VerdictWords } from './verdicts.ts';

/** POST /sandbox/api/decode: decoding (no key needed) and verifying (needs the key), apart. */
export interface DecodeAnswer {
  decoding: {
    /** Whether the payload could be read at all; when not, `problem` says why. */
    decoded: boolean;
    isFlaskCookie: boolean;
    compressed: boolean;
    segments: CookieSegment[];
    json: string | null;
    value: DisplaySession | null;
    signedAt: number | null;
    ageSeconds: number | null;
    problem: AnatomyVerdict | null;
    /** The problem in the verdict vocabulary, for pages without JavaScript. */
    problemWords: VerdictWords | null;
  };
  verifying: { checked: false } | { checked: true; verdict: AnatomyVerdict; words: VerdictWords };
}

/** POST /sandbox/api/guess: the key found in the word list (null: none), and how hard it looked. */
export interface GuessAnswer {
  key: string | null;
  tried: number;
  perSecond: number;
  seconds: number;
  /** How many keys the word list holds. */
  candidates: number;
}

/** A lab experiment asked for JSON: the record of what it did. */
export interface ExperimentAnswer {
  ok: true;
  exchange: Exchange;
}

/** Any 4xx or 5xx asked for JSON: a sentence for the learner, and the status. */
export interface ErrorAnswer {
  error: string;
  status: number;
}
