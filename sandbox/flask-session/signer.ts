/**
 * itsdangerous `Signer` as Flask configures it: key = HMAC-SHA1(secret, salt) ('hmac' key
 * derivation), signature = base64url(HMAC-SHA1(key, value)), appended after a '.'.
 * Key order: keys[0] is the current (signing) key, keys[1..] are fallbacks; itsdangerous lists the
 * current key LAST, so keys are tried in its order: current first, then fallbacks from the last.
 */
import { timingSafeEqual } from 'node:crypto';
import { asciiOrBytes, base64UrlDecode, base64UrlEncode } from './encoding.ts';
import { BadSignature } from './errors.ts';
import { hmacSha1, type Mac } from './hmac.ts';

/** Derives Flask's signing key for one secret and salt and returns its HMAC function (not cached). */
export function deriveMac(secret: string, salt: string): Mac {
  return hmacSha1(hmacSha1(secret)(salt));
}

// Deriving costs two HMACs, so derived keys are cached per salt, then per secret; bounded because a
// guessing run may try many.
const cache = new Map<string, Map<string, Mac>>();
const CACHE_LIMIT = 512;

/** Like `deriveMac`, cached per secret and salt. */
export function cachedMac(secret: string, salt: string): Mac {
  let bySecret = cache.get(salt);
  if (bySecret === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    bySecret = new Map();
    cache.set(salt, bySecret);
  }
  let mac = bySecret.get(secret);
  if (mac === undefined) {
    if (bySecret.size >= CACHE_LIMIT) bySecret.clear();
    mac = deriveMac(secret, salt);
    bySecret.set(secret, mac);
  }
  return mac;
}

/** A signer over a list of keys (current first). */
export interface Signer {
  /** `value + '.' + signature`, signed with the current key. */
  sign(value: string): string;
  /** The index of the first key (in trial order) whose signature equals `signature`, or -1. */
  verify(value: string, signature: string): number;
  /**
   * Splits at the last '.', checks the signature and returns the value and the key that matched.
   * Throws `BadSignature` (with the unverified value as `payload` when there was a '.').
   */
  unsign(signed: string): { value: string; keyIndex: number };
}

/** Options for `createSigner`. */
export interface SignerOptions {
  /** Current key first, then fallback keys. At least one. */
  keys: readonly string[];
  /** Flask's session salt is 'cookie-session'. */
  salt: string;
  /** Skip the derived-key cache (for one-off keys, e.g. when guessing). */
  uncached?: boolean;
}

/** Builds a `Signer` for Flask's settings (HMAC key derivation, SHA-1). */
export function createSigner(options: SignerOptions): Signer {
  if (options.keys.length === 0) throw new TypeError('createSigner needs at least one key');
  const derive = options.uncached ? deriveMac : cachedMac;
  const macs = options.keys.map((key) => derive(key, options.salt));
  // Trial order: current key, then fallbacks from the most recent (last) one, like itsdangerous.
  const order = [
    0,
    ...macs
      .map((_, i) => i)
      .slice(1)
      .reverse(),
  ];
  const current = macs[0] as Mac;

  const verify = (value: string, signature: string): number => {
    let sig: Uint8Array;
    try {
      sig = base64UrlDecode(asciiOrBytes(signature));
    } catch {
      return -1; // undecodable signature: simply not a match, as in itsdangerous
    }
    if (sig.length !== 20) return -1;
    for (const index of order) {
      if (timingSafeEqual(sig, (macs[index] as Mac)(value))) return index;
    }
    return -1;
  };

  return {
    sign: (value) => `${value}.${base64UrlEncode(current(value))}`,
    verify,
    unsign(signed) {
      const dot = signed.lastIndexOf('.');
      if (dot < 0) throw new BadSignature("No b'.' found in value");
      const value = signed.slice(0, dot);
      const signature = signed.slice(dot + 1);
      const keyIndex = verify(value, signature);
      if (keyIndex < 0) throw new BadSignature(`Signature b'${signature}' does not match`, value);
      return { value, keyIndex };
    },
  };
}
