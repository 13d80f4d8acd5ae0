import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import pako from 'pako';
import { describe, expect, it } from 'vitest';
import { knownTooLarge } from '../../sandbox/flask-session/bomb-verdicts.ts';
import { PayloadTooLarge } from '../../sandbox/flask-session/errors.ts';
import { deflate, inflate, MAX_INFLATED_BYTES } from '../../sandbox/flask-session/zlib.ts';

const texty = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 60 }))
    .map(([s, n]) => new TextEncoder().encode(s.repeat(n))),
);

describe('deflate', () => {
  it("compresses like Python's zlib (the oracle's emoji vector)", () => {
    const json = '{"mood":"\\ud83d\\ude00\\ud83c\\udf89\\ud83d\\udc4d\\ud83c\\udffd"}';
    expect(Buffer.from(deflate(new TextEncoder().encode(json))).toString('base64url')).toBe(
      'eJyrVsrNz09RslKKKU2xME4BkqkGBmB2MpBMs7CEiyebpCDE01KUagFPMhQT',
    );
  });
  it('gives the bytes of a fresh pako level-6 stream, call after call', () => {
    fc.assert(
      fc.property(fc.array(texty, { minLength: 1, maxLength: 4 }), (inputs) => {
        for (const input of inputs) expect(deflate(input)).toEqual(pako.deflate(input, { level: 6 }));
      }),
      { numRuns: 150 },
    );
  });
});

describe('inflate', () => {
  it('reverses deflate', () => {
    fc.assert(
      fc.property(texty, (input) => {
        expect(inflate(deflate(input))).toEqual(input);
      }),
      { numRuns: 100 },
    );
  });
  it('ignores bytes after the end of the stream, like Python', () => {
    const stream = deflate(new TextEncoder().encode('hello'));
    expect(new TextDecoder().decode(inflate(Uint8Array.from([...stream, 1, 2, 3])))).toBe('hello');
  });
  it('throws on truncated, corrupted or gzip data', () => {
    const stream = deflate(new TextEncoder().encode('hello hello hello'));
    expect(() => inflate(stream.subarray(0, stream.length - 2))).toThrow();
    expect(() => inflate(Uint8Array.from([...stream.subarray(0, stream.length - 1), 0]))).toThrow();
    expect(() => inflate(pako.gzip('hello'))).toThrow();
    expect(() => inflate(new Uint8Array())).toThrow();
  });
  it('inflates output over several chunks, up to the 64 KiB cap exactly', () => {
    const atCap = new TextEncoder().encode('x'.repeat(MAX_INFLATED_BYTES));
    expect(MAX_INFLATED_BYTES).toBe(65536);
    expect(inflate(deflate(atCap))).toEqual(atCap);
  });
  it('refuses one byte past the cap with PayloadTooLarge and the verdict the learner reads', () => {
    const past = new Uint8Array(MAX_INFLATED_BYTES + 1);
    expect(() => inflate(deflate(past))).toThrow(PayloadTooLarge);
    expect(() => inflate(deflate(past))).toThrow(
      'the payload inflates past 64 KB; Session Lab does not open it',
    );
  });
  it('stops a 12 MB zlib bomb with PayloadTooLarge, under any cap', () => {
    const bomb = pako.deflate(new Uint8Array(12 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(16 * 1024); // fits in a cookie-sized header
    expect(() => inflate(bomb)).toThrow(PayloadTooLarge);
    expect(() => inflate(bomb, 1000)).toThrow(PayloadTooLarge);
    expect(inflate(deflate(new Uint8Array(1000)), 1000).length).toBe(1000);
  });
});

describe('remembered bombs', () => {
  it('a payload found to inflate past the cap is refused at once next time; other payloads are not remembered', () => {
    const bomb = deflateSync(Buffer.alloc(200_000, 'a'));
    const small = deflateSync(Buffer.from('{"firstName":"Ada"}'));
    expect(knownTooLarge(bomb, MAX_INFLATED_BYTES)).toBe(false);
    expect(() => inflate(bomb)).toThrow(PayloadTooLarge);
    expect(knownTooLarge(bomb, MAX_INFLATED_BYTES)).toBe(true);
    expect(() => inflate(bomb)).toThrow(PayloadTooLarge);
    // The verdict is for that cap only: a larger cap inflates it.
    expect(inflate(bomb, 300_000).length).toBe(200_000);
    expect(new TextDecoder().decode(inflate(small))).toBe('{"firstName":"Ada"}');
    expect(knownTooLarge(small, MAX_INFLATED_BYTES)).toBe(false);
  });
});

describe('why inflate refuses a stream', () => {
  it("gives zlib's own reason for corrupt data, and says when the stream stops short", () => {
    const stream = deflate(new TextEncoder().encode('hello hello hello'));
    const badChecksum = Uint8Array.from([...stream.subarray(0, stream.length - 1), 0]);
    expect(() => inflate(badChecksum)).toThrow('incorrect data check');
    expect(() => inflate(Uint8Array.of(0x78, 0x9c, 0xff))).toThrow('invalid block type');
    expect(() => inflate(stream.subarray(0, stream.length - 2))).toThrow('incomplete or truncated stream');
  });
});
