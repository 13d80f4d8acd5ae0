/**
 * Bytes ↔ text, the way itsdangerous does it: URL-safe base64 without padding on the way out, and
 * Python's lenient `binascii.a2b_base64` on the way in (padding optional, stray characters skipped).
 */
import { BadData } from './errors.ts';

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error (like Python's strict decode); ignoreBOM keeps a leading U+FEFF.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as Python would refuse them). */
export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Strict UTF-8 decode; throws a TypeError on invalid bytes. */
export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/**
 * Node's Buffer where there is one: its native base64 is the fast path the server signs with.
 * The page (real Flask in the browser reads cookies with this file) takes the portable path.
 */
const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** URL-safe base64 without `=` padding (`itsdangerous.encoding.base64_encode`). */
export function base64UrlEncode(bytes: Uint8Array): string {
  if (NodeBuffer)
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  return base64Encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard base64 with padding (what Flask's `" b"` tag stores). `btoa`, so browsers run it too. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const PAD = 0x3d; // '='
const canonical = /^[A-Za-z0-9_-]*$/;
const standardTable = makeTable('+/');
const urlSafeTable = makeTable('+/-_'); // urlsafe_b64decode maps - and _ to + and /, and keeps + and /

function makeTable(extra: string): Int8Array {
  const table = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  for (let i = 0; i < extra.length; i++) table[extra.charCodeAt(i)] = 62 + (i % 2);
  return table;
}

/**
 * Python's non-strict `binascii.a2b_base64`: skips characters outside the alphabet, stops at a
 * complete `=` padding, ignores unused trailing bits. Throws `BadData` where Python raises
 * `binascii.Error` (one leftover character, or missing padding).
 */
export function a2bBase64(input: Uint8Array, urlSafe: boolean): Uint8Array {
  const table = urlSafe ? urlSafeTable : standardTable;
  const out = new Uint8Array(Math.floor((input.length * 3) / 4) + 3);
  let length = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as number;
    if (ch === PAD) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, length);
      continue;
    }
    const v = table[ch] as number;
    if (v < 0) continue;
    pads = 0;
    if (quadPos === 0) {
      leftChar = v;
      quadPos = 1;
    } else if (quadPos === 1) {
      out[length++] = (leftChar << 2) | (v >> 4);
      leftChar = v & 0x0f;
      quadPos = 2;
    } else if (quadPos === 2) {
      out[length++] = ((leftChar << 4) | (v >> 2)) & 0xff;
      leftChar = v & 0x03;
      quadPos = 3;
    } else {
      out[length++] = ((leftChar << 6) | v) & 0xff;
      quadPos = 0;
    }
  }
  if (quadPos === 1) throw new BadData('Invalid base64-encoded data: one character too many');
  if (quadPos !== 0) throw new BadData('Invalid base64-encoded data: incorrect padding');
  return out.subarray(0, length);
}

/**
 * `itsdangerous.encoding.base64_decode` over the raw bytes of a cookie segment: pads to a multiple
 * of four (counting every byte, as Python does), then decodes leniently. Throws `BadData`.
 */
export function base64UrlDecode(segment: Uint8Array | string): Uint8Array {
  // Fast path: canonical unpadded base64url decodes the same with Node's native decoder.
  if (NodeBuffer && typeof segment === 'string' && segment.length % 4 !== 1 && canonical.test(segment)) {
    return new Uint8Array(NodeBuffer.from(segment, 'base64url'));
  }
  // A str argument is first encoded to ASCII with errors ignored: non-ASCII characters vanish.
  const bytes = typeof segment === 'string' ? utf8(segment.replace(/[\u0080-\uffff]/g, '')) : segment;
  const padding = (4 - (bytes.length % 4)) % 4;
  if (padding === 0) return a2bBase64(bytes, true);
  const padded = new Uint8Array(bytes.length + padding);
  padded.set(bytes);
  padded.fill(PAD, bytes.length);
  return a2bBase64(padded, true);
}

/**
 * A cookie segment as `base64UrlDecode` should see it: the string itself when it is ASCII (same
 * result, faster), else its UTF-8 bytes (Python decodes the cookie's bytes, where a non-ASCII
 * character counts as several bytes towards the padding).
 */
export function asciiOrBytes(segment: string): Uint8Array | string {
  return nonAscii.test(segment) ? utf8(segment) : segment;
}

const nonAscii = /[\u0080-\uffff]/;

/** Big-endian bytes of a non-negative integer, leading zero bytes dropped (0 gives no bytes). */
export function intToBytes(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a timestamp: ${value}`);
  let length = 0;
  for (let n = value; n > 0; n = Math.floor(n / 256)) length++;
  const bytes = new Uint8Array(length);
  for (let i = length - 1, n = value; i >= 0; i--, n = Math.floor(n / 256)) bytes[i] = n % 256;
  return bytes;
}

/** Big-endian unsigned integer (lossy past 2^53, `Infinity` for absurd lengths). */
export function bytesToInt(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}
