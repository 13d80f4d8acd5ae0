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

describe('loadPayload', () => {
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
