/**
 * itsdangerous `URLSafeSerializerMixin`: the payload is base64url of the JSON text, or '.' +
 * base64url of its zlib deflate when that is at least 2 bytes shorter. pako 2 at level 6 gives the
 * same bytes as Python's zlib (Node's bundled zlib does not; see zlib.ts); any valid zlib stream is accepted.
 */
import { asciiOrBytes, base64UrlDecode, base64UrlEncode, fromUtf8, utf8 } from './encoding.ts';
import { BadPayload, PayloadTooLarge } from './errors.ts';
import { deflate, inflate } from './zlib.ts';

/** Encodes JSON text as a cookie payload segment (compressed when it saves ≥ 2 bytes). */
export function dumpPayload(json: string): string {
  const plain = utf8(json);
  if (cannotSaveTwoBytes(plain)) return base64UrlEncode(plain);
  const compressed = deflate(plain);
  if (compressed.length < plain.length - 1) return `.${base64UrlEncode(compressed)}`;
  return base64UrlEncode(plain);
}

const counts = new Uint16Array(256);
const seen = new Uint8Array(256);
const keys = new Int32Array(8192);
const stamps = new Uint32Array(8192);
let generation = 0;

/**
 * True when zlib provably cannot make `data` 2 bytes shorter, so deflating it (the costliest step
 * of signing) can be skipped with the same outcome. Only for data with no repeated 3-byte sequence:
 * deflate then has no match and codes n literals + end-of-block in one block, costing at least the
 * cheapest of: dynamic Huffman (29 header bits + a bit per code used + the entropy bound), fixed
 * codes (8 bits a literal), stored (n + 4 bytes); plus 6 bytes of zlib header and checksum.
 */
export function cannotSaveTwoBytes(data: Uint8Array): boolean {
  const n = data.length;
  if (n > 4096) return false; // one deflate block for sure (level 6 splits only past 16K symbols)
  // Seen trigrams in a reused open-addressing table; a new generation number empties it for free.
  generation = (generation + 1) >>> 0 || 1;
  for (let i = 0; i + 2 < n; i++) {
    const key = ((data[i] as number) << 16) | ((data[i + 1] as number) << 8) | (data[i + 2] as number);
    let slot = Math.imul(key, 0x9e3779b1) >>> 19; // 13 bits: 8192 slots for at most 4094 keys
    while (stamps[slot] === generation) {
      if (keys[slot] === key) return false;
      slot = (slot + 1) & 8191;
    }
    stamps[slot] = generation;
    keys[slot] = key;
  }
  // Byte counts; only the bytes seen are visited and reset, so `counts` is all zeros between calls.
  let seenCount = 0;
  for (let i = 0; i < n; i++) {
    const byte = data[i] as number;
    if ((counts[byte] as number) === 0) seen[seenCount++] = byte;
    counts[byte] = (counts[byte] as number) + 1;
  }
  const symbols = n + 1; // the literals and end-of-block
  let entropyBits = Math.log2(symbols); // end-of-block occurs once
  for (let j = 0; j < seenCount; j++) {
    const byte = seen[j] as number;
    const c = counts[byte] as number;
    entropyBits += c * Math.log2(symbols / c);
    counts[byte] = 0;
  }
  const distinct = seenCount + 1;
  const blockBits = Math.min(29 + distinct + entropyBits, 3 + 8 * n + 7, 3 + 8 * (n + 4));
  // Compressed only when its length is at most n - 2 bytes; the bound rules that out.
  return 6 + blockBits / 8 > n - 2 + 1e-9;
}

/**
 * Decodes a payload segment to its JSON text. Throws `BadPayload` (base64, zlib or UTF-8), also
 * when it inflates past `MAX_INFLATED_BYTES` (a deviation: Flask would inflate it).
 */
export function loadPayload(segment: string): string {
  const compressed = segment.startsWith('.');
  let bytes: Uint8Array;
  try {
    bytes = base64UrlDecode(asciiOrBytes(compressed ? segment.slice(1) : segment));
  } catch (error) {
    throw new BadPayload('Could not base64 decode the payload because of an exception', error);
  }
  if (compressed) bytes = decompress(bytes);
  try {
    return fromUtf8(bytes);
  } catch (error) {
    throw new BadPayload(
      'Could not load the payload because an exception occurred on unserializing the data',
      error,
    );
  }
}

function decompress(bytes: Uint8Array): Uint8Array {
  try {
    return inflate(bytes);
  } catch (error) {
    if (error instanceof PayloadTooLarge) throw new BadPayload(error.message, error);
    throw new BadPayload('Could not zlib decompress the payload before decoding the payload', error);
  }
}
