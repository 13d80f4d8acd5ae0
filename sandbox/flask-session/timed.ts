/**
 * itsdangerous `TimestampSigner`: signs `value.timestamp` (Unix seconds as big-endian bytes in
 * base64url) and checks a maximum age against an injected clock.
 * Key order: as in signer.ts, keys[0] is current.
 */
import { asciiOrBytes, base64UrlDecode, base64UrlEncode, bytesToInt, intToBytes } from './encoding.ts';
import { BadSignature, BadTimeSignature, SignatureExpired } from './errors.ts';
import type { Signer } from './signer.ts';

/** Python's datetime ends at 9999-12-31T23:59:59Z; later timestamps cannot be dated. */
export const MAX_DATETIME_SECONDS = 253402300799;

/** base64url of a timestamp's big-endian bytes (`ZVPxAA` for 1700000000). */
export function encodeTimestamp(seconds: number): string {
  return base64UrlEncode(intToBytes(Math.floor(seconds)));
}

/** Reads a timestamp segment; undefined when it is not valid base64. An empty segment is 0. */
export function decodeTimestamp(segment: string): number | undefined {
  try {
    return bytesToInt(base64UrlDecode(asciiOrBytes(segment)));
  } catch {
    return undefined;
  }
}

/** Signs `value` with the timestamp appended: `value.timestamp.signature`. */
export function signTimed(signer: Signer, value: string, timestamp: number): string {
  return signer.sign(`${value}.${encodeTimestamp(timestamp)}`);
}

/** What a successful `unsignTimed` returns. */
export interface Unsigned {
  value: string;
  signedAt: number;
  keyIndex: number;
}

/** Options for `unsignTimed`. */
export interface UnsignOptions {
  /** Reject signatures older than this many seconds (and dated in the future). */
  maxAge?: number;
  /** The current time in Unix seconds; only read when `maxAge` is given. */
  now: () => number;
}

/**
 * `TimestampSigner.unsign(value, max_age, return_timestamp=True)` with the same error causes.
 * Deviation: a correctly signed timestamp past year 9999 is `BadTimeSignature` (Python raises a
 * ValueError there, which Flask turns into a 500).
 */
export function unsignTimed(signer: Signer, signed: string, options: UnsignOptions): Unsigned {
  let result: string;
  let keyIndex = -1;
  let sigError: BadSignature | undefined;
  try {
    ({ value: result, keyIndex } = signer.unsign(signed));
  } catch (error) {
    if (!(error instanceof BadSignature)) throw error;
    sigError = error;
    result = error.payload ?? '';
  }
  const dot = result.lastIndexOf('.');
  if (dot < 0) {
    if (sigError) throw sigError;
    throw new BadTimeSignature('timestamp missing', result);
  }
  const value = result.slice(0, dot);
  const timestamp = decodeTimestamp(result.slice(dot + 1));
  const datable = timestamp !== undefined && timestamp <= MAX_DATETIME_SECONDS;
  if (sigError) {
    if (timestamp !== undefined && !datable) throw new BadTimeSignature('Malformed timestamp', value);
    throw new BadTimeSignature(sigError.message, value, timestamp);
  }
  if (timestamp === undefined || !datable) throw new BadTimeSignature('Malformed timestamp', value);
  if (options.maxAge !== undefined) {
    const age = Math.floor(options.now()) - timestamp;
    if (age > options.maxAge) {
      throw new SignatureExpired(`Signature age ${age} > ${options.maxAge} seconds`, value, timestamp, age);
    }
    if (age < 0) throw new SignatureExpired(`Signature age ${age} < 0 seconds`, value, timestamp, age);
  }
  return { value, signedAt: timestamp, keyIndex };
}
