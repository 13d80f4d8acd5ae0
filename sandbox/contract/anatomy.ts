/**
 * A cookie's anatomy as the page receives it (in an exchange record or from POST /sandbox/api/decode):
 * its segments, the decoded JSON, the session in display JSON, when it was signed and the verdict.
 * The server cuts it (sandbox/cookie-tools/anatomy.ts); only the session's form differs there.
 */
import type { DisplaySession } from './display-json.ts';

/** One part of the cookie, by UTF-16 index range `[start, end)` into the input. */
export interface CookieSegment {
  kind: 'compressed-flag' | 'payload' | 'timestamp' | 'signature';
  start: number;
  end: number;
  text: string;
  meaning: string;
}

/** What checking a cookie concluded; keyIndex 0 = the current key, i = fallback key i. */
export type AnatomyVerdict =
  | { kind: 'valid'; keyIndex: number }
  | { kind: 'unverified' }
  | { kind: 'bad-signature' }
  | { kind: 'expired' }
  | { kind: 'bad-payload'; reason: string }
  | { kind: 'not-flask'; reason: string };

/** A cookie's anatomy with its session in display JSON. */
export interface CookieAnatomyView {
  input: string;
  isFlaskCookie: boolean;
  compressed: boolean;
  segments: CookieSegment[];
  /** The decoded payload JSON text. */
  json?: string;
  /** Why the payload could not be read, whatever the signature's verdict (anyone may try to read it). */
  payloadProblem?: string;
  /** The session, in display JSON. */
  value?: DisplaySession;
  /** When it was signed, Unix seconds. */
  signedAt?: number;
  ageSeconds?: number;
  verdict: AnatomyVerdict;
}
