/**
 * The error hierarchy of itsdangerous, with the same causes:
 * BadData > BadSignature > BadTimeSignature > SignatureExpired, and BadPayload > BadData apart.
 * Loading a cookie throws only these; anything else would be a bug.
 */

/** Base class: the data could not be trusted or read. */
export class BadData extends Error {
  override name = 'BadData';
}

/** The signature does not match (or is missing): the cookie was changed or signed with another key. */
export class BadSignature extends BadData {
  override name = 'BadSignature';
  /** The signed part (payload, or payload.timestamp) as text, for inspection only: it is untrusted. */
  payload: string | undefined;
  constructor(message: string, payload?: string) {
    super(message);
    this.payload = payload;
  }
}

/** A bad signature in a timestamped value, or a correct signature over a malformed timestamp. */
export class BadTimeSignature extends BadSignature {
  override name = 'BadTimeSignature';
  /** When the value claims to have been signed (Unix seconds), if the timestamp could be read. */
  signedAt: number | undefined;
  constructor(message: string, payload?: string, signedAt?: number) {
    super(message, payload);
    this.signedAt = signedAt;
  }
}

/** The signature is correct but older than the maximum age (or dated in the future). */
export class SignatureExpired extends BadTimeSignature {
  override name = 'SignatureExpired';
  /** Age in seconds at the moment of checking (negative when signed in the future). */
  age: number;
  constructor(message: string, payload: string, signedAt: number, age: number) {
    super(message, payload, signedAt);
    this.age = age;
  }
}

/** The signature is correct but the payload cannot be decoded (base64, zlib, UTF-8 or JSON). */
export class BadPayload extends BadData {
  override name = 'BadPayload';
  /** The underlying decoding error, when there was one. */
  override cause: unknown;
  constructor(message: string, cause?: unknown) {
    super(message);
    this.cause = cause;
  }
}

/**
 * A value nested deeper than the Flask being followed can load or dump: Python stops with a
 * RecursionError there (a 500); the engine stops first, by count, so it never overflows its stack.
 */
export class NestingTooDeep extends Error {
  override name = 'NestingTooDeep';
  /** The deepest nesting allowed. */
  limit: number;
  constructor(message: string, limit: number) {
    super(message);
    this.limit = limit;
  }
}

/**
 * A compressed payload that inflates past the cap (`MAX_INFLATED_BYTES`). Flask would inflate it
 * whatever its size; Session Lab stops early so one cookie cannot cost megabytes of work.
 */
export class PayloadTooLarge extends Error {
  override name = 'PayloadTooLarge';
  /** The cap in bytes. */
  limit: number;
  constructor(limit: number) {
    super(`the payload inflates past ${Math.round(limit / 1024)} KB; Session Lab does not open it`);
    this.limit = limit;
  }
}

/** The itsdangerous category of an error, as the CLI and the oracle report it. */
export function errorCategory(
  error: unknown,
): 'SignatureExpired' | 'BadSignature' | 'BadPayload' | 'BadData' {
  if (error instanceof SignatureExpired) return 'SignatureExpired';
  if (error instanceof BadSignature) return 'BadSignature';
  if (error instanceof BadPayload) return 'BadPayload';
  return 'BadData';
}
