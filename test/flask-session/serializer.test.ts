import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../sandbox/flask-session/encoding.ts';
import { BadPayload } from '../../sandbox/flask-session/errors.ts';
import { cannotSaveTwoBytes, dumpPayload, loadPayload } from '../../sandbox/flask-session/serializer.ts';
import { deflate } from '../../sandbox/flask-session/zlib.ts';
import { vectors } from './vectors.ts';

describe('dumpPayload', () => {
  it('gives the exact payload segment of every oracle vector (zlib bytes included)', () => {
    for (const v of vectors.vectors) {
      const segment = v.cookie
        .split('.')
        .slice(0, v.compressed ? 2 : 1)
        .join('.');
      expect(dumpPayload(v.payload), v.name).toBe(segment);
    }
  });
  it('keeps a payload plain when zlib saves only 1 byte, and compresses when it saves 2', () => {
    expect(dumpPayload('{"note":"h304qp1um1h304qp1um1"}').startsWith('.')).toBe(false);
    expect(dumpPayload('{"note":"h304qp1um18yh304qp1um18y"}').startsWith('.')).toBe(true);
  });
});

describe('cannotSaveTwoBytes', () => {
  it("skips deflate for the handout's session, where zlib cannot save 2 bytes", () => {
    expect(cannotSaveTwoBytes(utf8('{"firstName":"Phill"}'))).toBe(true);
    expect(cannotSaveTwoBytes(utf8('{"a":"b","c":"d"}'))).toBe(false); // '":"' repeats: a match is possible
  });
  it('is only true when deflating really does not save 2 bytes', () => {
    const small = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.uint8Array({ maxLength: 40 }).map((b) => b.map((x) => x % 4)),
      fc.string({ maxLength: 60 }).map((t) => utf8(t)),
    );
    fc.assert(
      fc.property(small, (data) => {
        if (cannotSaveTwoBytes(data)) expect(deflate(data).length).toBeGreaterThanOrEqual(data.length - 1);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * Bytes with no 3-byte sequence twice (deflate finds no match), over an alphabet of `size`
 * symbols: small alphabets give low entropy, where Huffman coding comes closest to saving 2 bytes.
 */
const noRepeatedTrigram = fc
  .record({
    size: fc.integer({ min: 2, max: 256 }),
    length: fc.integer({ min: 0, max: 4096 }),
    seed: fc.integer(),
  })
  .map(({ size, length, seed }) => {
    const random = mulberry(seed);
    const out: number[] = [];
    const used = new Set<number>();
    while (out.length < length) {
      const start = Math.floor(random() * size);
      let placed = false;
      for (let k = 0; k < size && !placed; k++) {
        const byte = (start + k) % size;
        const n = out.length;
        const key = n >= 2 ? ((out[n - 2] as number) << 16) | ((out[n - 1] as number) << 8) | byte : -1;
        if (key >= 0 && used.has(key)) continue;
        if (key >= 0) used.add(key);
        out.push(byte);
        placed = true;
      }
      if (!placed) break; // every continuation would repeat a trigram
    }
    return Uint8Array.from(out);
  });

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('cannotSaveTwoBytes near its threshold', () => {
  it('never skips deflate when zlib would save 2 bytes (no repeated trigram, up to 4 KB)', () => {
    let skipped = 0;
    let compressible = 0;
    fc.assert(
      fc.property(noRepeatedTrigram, (data) => {
        const saves = deflate(data).length <= data.length - 2;
        if (saves) compressible++;
        if (cannotSaveTwoBytes(data)) {
          skipped++;
          expect(saves).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
    // Both sides of the threshold were visited, so the property was tested where it can fail.
    expect(skipped).toBeGreaterThan(0);
    expect(compressible).toBeGreaterThan(0);
  });
  it('gives the payload the full deflate-and-compare would give', () => {
    fc.assert(
      fc.property(noRepeatedTrigram, (data) => {
        const text = Buffer.from(data)
          .toString('latin1')
          .replace(/[\u0080-\u00ff]/g, 'x');
        const plain = utf8(text);
        const compressed = deflate(plain);
        const expected =
          compressed.length < plain.length - 1
            ? `.${Buffer.from(compressed).toString('base64url')}`
            : Buffer.from(plain).toString('base64url');
        expect(dumpPayload(text)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
  it('leaves inputs over 4 KB to deflate', () => {
    expect(cannotSaveTwoBytes(new Uint8Array(4097).map((_, i) => i % 251))).toBe(false);
  });
});

describe('loadPayload', () => {
  it('refuses a payload that inflates past 64 KiB, naming the cap', () => {
    const bomb = `.${Buffer.from(deflate(new Uint8Array(12 * 1024 * 1024).fill(0x20))).toString('base64url')}`;
    expect(() => loadPayload(bomb)).toThrow(BadPayload);
    expect(() => loadPayload(bomb)).toThrow('the payload inflates past 64 KB; Session Lab does not open it');
  });
  it('decodes plain and compressed payloads', () => {
    expect(loadPayload('eyJhIjoiYiJ9')).toBe('{"a":"b"}');
    expect(loadPayload('.eJyrVkpUslJKUqoFAAxwAn4')).toBe('{"a":"b"}');
  });
  it('throws BadPayload for bad base64, bad zlib and bad UTF-8', () => {
    expect(() => loadPayload('abcde')).toThrow(BadPayload);
    expect(() => loadPayload('.eJxub3QgemxpYiBkYXRh')).toThrow(BadPayload);
    expect(() => loadPayload('eyJhIjoi_yJ9')).toThrow(BadPayload);
  });
  it('refuses gzip streams, as Python zlib.decompress does', () => {
    const gzip = Buffer.from('H4sIAAAAAAAAA6tWSlSyUkpSqgUAhXZVoQkAAAA', 'base64url');
    expect(gzip[0]).toBe(0x1f);
    expect(() => loadPayload(`.${gzip.toString('base64url')}`)).toThrow(BadPayload);
  });
  it('round-trips any JSON text', () => {
    const text = `{"t":"${'é😀'.repeat(50)}"}`;
    expect(loadPayload(dumpPayload(text))).toBe(text);
    expect(utf8(text).length).toBeGreaterThan(100);
  });
});

describe("loadPayload's reasons, in itsdangerous's words", () => {
  it('names the step that failed', () => {
    expect(() => loadPayload('abcde')).toThrow('Could not base64 decode the payload because of an exception');
    expect(() => loadPayload('.eJxub3QgemxpYiBkYXRh')).toThrow(
      'Could not zlib decompress the payload before decoding the payload',
    );
    expect(() => loadPayload('eyJhIjoi_yJ9')).toThrow(
      'Could not load the payload because an exception occurred on unserializing the data',
    );
  });
});
