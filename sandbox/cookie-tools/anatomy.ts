/**
 * The inspector's view of any cookie string: its segments with character ranges and meaning, the
 * decoded JSON and value, when it was signed, and a verdict. Every way a cookie can be malformed is a
 * verdict, not an exception; anything else thrown is a bug and surfaces. Signed ≠ encrypted: the
 * payload is decoded even when the signature is wrong or no key is given.
 * Key order: `secretKey` then `fallbackKeys`; verdict keyIndex 0 = secretKey, i = fallbackKeys[i - 1].
 */
import type { AnatomyVerdict, CookieAnatomyView, CookieSegment } from '../contract/anatomy.ts';
import { base64UrlDecode, utf8 } from '../flask-session/encoding.ts';
import { BadData, BadPayload, BadSignature, SignatureExpired } from '../flask-session/errors.ts';
import type { FlaskVersion } from '../flask-session/flask-version.ts';
import { formatHttpDate } from '../flask-session/http-date.ts';
import { loadPayload } from '../flask-session/serializer.ts';
import { DEFAULT_MAX_AGE } from '../flask-session/session.ts';
import {
  DEFAULT_SALT,
  decodeSessionJson,
  loadSessionDetailed,
  systemNow,
} from '../flask-session/session-cookie.ts';
import { decodeTimestamp, MAX_DATETIME_SECONDS } from '../flask-session/timed.ts';
import type { SessionData } from '../flask-session/values.ts';

export type { AnatomyVerdict, CookieSegment };

/** What `anatomy` found: the page's view of it (sandbox/contract/anatomy.ts), with the session as the engine reads it. */
export interface CookieAnatomy extends Omit<CookieAnatomyView, 'value'> {
  value?: SessionData;
}

/** Options for `anatomy`; without `secretKey` the signature is not checked. */
export interface AnatomyOptions {
  secretKey?: string;
  /** Older keys still accepted; ignored for flaskVersion '2.2' (as Flask 2.2 ignores them). */
  fallbackKeys?: string[];
  /** Which Flask to follow, default '3.1'. */
  flaskVersion?: FlaskVersion;
  salt?: string;
  /** Age limit in seconds, default Flask's 31 days. */
  maxAge?: number;
  now?: () => number;
}

/**
 * Cuts a cookie value into compressed flag · payload · timestamp · signature and judges it. Throws
 * only on a bug: the engine's decoding errors (`BadData` and its subclasses) become verdicts.
 */
export function anatomy(cookie: string, options: AnatomyOptions = {}): CookieAnatomy {
  return dissect(typeof cookie === 'string' ? cookie : String(cookie), options);
}

function notFlask(
  input: string,
  compressed: boolean,
  segments: CookieSegment[],
  reason: string,
): CookieAnatomy {
  return { input, isFlaskCookie: false, compressed, segments, verdict: { kind: 'not-flask', reason } };
}

/** Where a cookie's parts are: the last two dots split payload · timestamp · signature. */
interface Cut {
  /** 1 when a leading '.' marks a compressed payload, else 0. */
  payloadStart: number;
  tsDot: number;
  sigDot: number;
}

function dissect(input: string, options: AnatomyOptions): CookieAnatomy {
  const compressed = input.startsWith('.');
  const sigDot = input.lastIndexOf('.');
  const tsDot = sigDot > 0 ? input.lastIndexOf('.', sigDot - 1) : -1;
  const problem = shapeProblem(input, sigDot, tsDot);
  if (problem !== undefined) return notFlask(input, compressed && problem.keepsFlag, [], problem.reason);
  const cut: Cut = { payloadStart: compressed && tsDot > 0 ? 1 : 0, tsDot, sigDot };
  const timestamp = decodeTimestamp(input.slice(tsDot + 1, sigDot));
  const signatureBytes = safeDecode(input.slice(sigDot + 1));
  const datable = timestamp !== undefined && timestamp <= MAX_DATETIME_SECONDS;
  const segments = segmentsOf(input, cut, datable ? timestamp : undefined, signatureBytes);
  if (!datable) return notFlask(input, compressed, segments, 'the timestamp is not a valid base64url date');
  if (signatureBytes?.length !== 20) {
    return notFlask(
      input,
      compressed,
      segments,
      'the signature is not 20 bytes, so it is not a Flask (HMAC-SHA1) signature',
    );
  }
  return judge(input, cut, segments, timestamp, options);
}

/** Why the text cannot be a Flask cookie value at all (a whole `name=value`, or too few dots). */
function shapeProblem(
  input: string,
  sigDot: number,
  tsDot: number,
): { reason: string; keepsFlag: boolean } | undefined {
  const named = /^([A-Za-z][\w-]*)=.*\..*\./.exec(input);
  if (named !== null && !input.startsWith('eyJ')) {
    const name = named[1] as string;
    return { reason: `looks like "${name}=…": paste only the value after "${name}="`, keepsFlag: false };
  }
  if (sigDot < 0 || tsDot < 0) {
    return {
      reason: "a Flask cookie has three parts separated by '.': payload.timestamp.signature",
      keepsFlag: true,
    };
  }
  return undefined;
}

/** The parts, each with what it means; `timestamp` undefined when it cannot be read as a date. */
function segmentsOf(
  input: string,
  { payloadStart, tsDot, sigDot }: Cut,
  timestamp: number | undefined,
  signatureBytes: Uint8Array | undefined,
): CookieSegment[] {
  const segments: CookieSegment[] = [];
  if (payloadStart === 1) {
    segments.push(
      seg(
        'compressed-flag',
        input,
        0,
        1,
        "leading '.': the payload is zlib-compressed (Flask compresses when that saves 2 bytes or more)",
      ),
    );
  }
  segments.push(
    seg(
      'payload',
      input,
      payloadStart,
      tsDot,
      'the session as JSON, base64url-encoded: readable by anyone, not encrypted',
    ),
    seg(
      'timestamp',
      input,
      tsDot + 1,
      sigDot,
      timestamp !== undefined
        ? `signed at ${formatHttpDate(timestamp)} (Unix ${timestamp}): big-endian seconds, base64url`
        : 'should be the signing time in seconds, base64url; this one cannot be read as a date',
    ),
    seg(
      'signature',
      input,
      sigDot + 1,
      input.length,
      signatureBytes?.length === 20
        ? "HMAC-SHA1 over everything before the last '.', with key HMAC-SHA1(secret key, 'cookie-session'): 20 bytes, base64url"
        : `should be a 20-byte HMAC-SHA1 in base64url; this decodes to ${signatureBytes === undefined ? 'nothing valid' : `${signatureBytes.length} bytes`}`,
    ),
  );
  return segments;
}

/** A well-formed cookie: its payload decoded (anyone can) and, given a key, its signature verified. */
function judge(
  input: string,
  cut: Cut,
  segments: CookieSegment[],
  timestamp: number,
  options: AnatomyOptions,
): CookieAnatomy {
  const now = options.now ?? systemNow;
  const result: CookieAnatomy = {
    input,
    isFlaskCookie: true,
    compressed: cut.payloadStart === 1,
    segments,
    signedAt: timestamp,
    ageSeconds: Math.floor(now()) - timestamp,
    verdict: { kind: 'unverified' },
  };
  const payloadText = input.slice(0, cut.tsDot);
  try {
    result.json = loadPayload(payloadText);
    result.value = decodeSessionJson(result.json, options.flaskVersion);
  } catch (error) {
    if (!(error instanceof BadPayload)) throw error;
    result.payloadProblem = reasonOf(error);
    result.verdict = { kind: 'bad-payload', reason: result.payloadProblem };
  }
  if (options.secretKey) result.verdict = verify(input, options, now);
  return result;
}

function verify(input: string, options: AnatomyOptions, now: () => number): CookieAnatomy['verdict'] {
  try {
    const { keyIndex } = loadSessionDetailed(input, {
      secretKey: options.secretKey as string,
      fallbackKeys: options.fallbackKeys,
      flaskVersion: options.flaskVersion,
      salt: options.salt ?? DEFAULT_SALT,
      maxAge: options.maxAge ?? DEFAULT_MAX_AGE,
      now,
    });
    return { kind: 'valid', keyIndex };
  } catch (error) {
    if (error instanceof SignatureExpired) return { kind: 'expired' };
    if (error instanceof BadPayload) return { kind: 'bad-payload', reason: reasonOf(error) };
    if (error instanceof BadSignature) return { kind: 'bad-signature' };
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const detail = error.cause instanceof Error ? error.cause.message : '';
  const cause = detail && detail !== error.message ? `: ${detail}` : '';
  return `${error.message}${cause}`;
}

function safeDecode(text: string): Uint8Array | undefined {
  try {
    return base64UrlDecode(utf8(text));
  } catch (error) {
    if (!(error instanceof BadData)) throw error;
    return undefined;
  }
}

function seg(
  kind: CookieSegment['kind'],
  input: string,
  start: number,
  end: number,
  meaning: string,
): CookieSegment {
  return { kind, start, end, text: input.slice(start, end), meaning };
}
