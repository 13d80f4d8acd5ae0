/**
 * HMAC-SHA1 per RFC 2104 from two SHA-1 hashes with the padded key blocks precomputed.
 * Why: on Node 24 `crypto.createHmac` costs ~5× more per call than on Node 20, while
 * `createHash('sha1')` did not slow down; this is ~5× faster and gives identical bytes.
 */
import { createHash, type Hash } from 'node:crypto';

const BLOCK = 64; // SHA-1 block size in bytes

/** A keyed HMAC-SHA1 function: `mac(message)` returns the 20-byte digest. */
export type Mac = (message: Uint8Array | string) => Buffer;

/** Prepares HMAC-SHA1 with `key` (keys longer than a block are hashed first, as RFC 2104 says). */
export function hmacSha1(key: Uint8Array | string): Mac {
  let k = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (k.length > BLOCK) k = createHash('sha1').update(k).digest();
  const ipad = Buffer.alloc(BLOCK, 0x36);
  const opad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i] = (ipad[i] as number) ^ (k[i] as number);
    opad[i] = (opad[i] as number) ^ (k[i] as number);
  }
  // Hash states that have already absorbed one padded key block; each call copies them.
  const inner: Hash = createHash('sha1').update(ipad);
  const outer: Hash = createHash('sha1').update(opad);
  return (message) => {
    const innerDigest = inner.copy().update(message).digest();
    return outer.copy().update(innerDigest).digest();
  };
}
