/**
 * Keys derived from the server secret (SESSION_LAB_SECRET), one per purpose, with HKDF-SHA256
 * (RFC 5869, Node's `crypto.hkdfSync`): a key made for sealing lab cookies can never stand in for
 * the trace MAC or any other use of the secret. Without a server secret, one random secret per
 * process (so sealed things then last as long as the process).
 */
import { hkdfSync, randomBytes } from 'node:crypto';

/** Key length in bytes (AES-256, HMAC-SHA256). */
export const DERIVED_KEY_LENGTH = 32;

const processSecret = randomBytes(32);
/** Derivation is cheap but not free; a process uses a handful of (secret, purpose) pairs. */
const derived = new Map<string, Buffer>();

/**
 * The key for `purpose` (a fixed label such as 'session-lab lab settings v1'), derived from `secret`.
 * @example deriveKey('class secret', 'session-lab lab settings v1').length // 32
 */
export function deriveKey(secret: string | undefined, purpose: string): Buffer {
  const cacheKey = `${secret === undefined ? '\u0000random' : `=${secret}`}\u0000${purpose}`;
  let key = derived.get(cacheKey);
  if (key === undefined) {
    // No salt: the secret is already a key, not a password; the purpose goes in HKDF's info.
    key = Buffer.from(hkdfSync('sha256', secret ?? processSecret, '', purpose, DERIVED_KEY_LENGTH));
    derived.set(cacheKey, key);
  }
  return key;
}
