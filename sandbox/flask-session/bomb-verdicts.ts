/**
 * Remembers the payloads that inflate past the cap (zlib bombs), so a bomb cookie sent again, by
 * the same browser on every request or by a script in a loop, is refused without inflating it
 * again: the verdict depends only on the compressed bytes and the cap, never on the key. A small
 * LRU of hashes: bounded memory (a few hundred KB at most), and a forgotten bomb is only inflated
 * once more.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** How many bombs are remembered (32-byte keys). */
const REMEMBERED = 4096;

const tooLarge = new LRUCache<string, true>({ max: REMEMBERED });

function keyOf(data: Uint8Array, limit: number): string {
  return `${limit}:${createHash('sha256').update(data).digest('base64')}`;
}

/** True when `data` was already found to inflate past `limit`. */
export function knownTooLarge(data: Uint8Array, limit: number): boolean {
  return tooLarge.has(keyOf(data, limit));
}

/** Records that `data` inflates past `limit`. */
export function rememberTooLarge(data: Uint8Array, limit: number): void {
  tooLarge.set(keyOf(data, limit), true);
}
