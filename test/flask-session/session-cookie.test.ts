import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromConvention, toConvention } from '../../sandbox/cookie-tools/index.ts';
import {
  BadData,
  BadPayload,
  errorCategory,
  loadSession,
  loadSessionDetailed,
  type SessionData,
  signSession,
} from '../../sandbox/flask-session/index.ts';
import { session } from './arbitraries.ts';
import { vectors } from './vectors.ts';

const at = (seconds: number) => () => seconds;

describe('signSession', () => {
  it.each(vectors.vectors)('signs "$name" to the same bytes as Flask', (v) => {
    expect(
      signSession(fromConvention(v.session) as SessionData, { secretKey: v.secret, timestamp: v.timestamp }),
    ).toBe(v.cookie);
  });
  it('refuses an empty secret key, as Flask does', () => {
    expect(() => signSession({ a: 1 }, { secretKey: '', timestamp: 0 })).toThrow(TypeError);
  });
  it('uses another salt when asked', () => {
    const other = signSession(
      { firstName: 'Phill' },
      { secretKey: 'w98fw9ef8hwe98fhwef', salt: 'itsdangerous', timestamp: 1700000000 },
    );
    expect(other).toBe(vectors.negative.find((v) => v.name.includes('another salt'))?.cookie);
  });
});

describe('loadSession', () => {
  it.each(vectors.vectors)('loads "$name" to the same value as Flask', (v) => {
    expect(toConvention(loadSession(v.cookie, { secretKey: v.secret }))).toEqual(v.session);
  });
  it.each(vectors.negative)('rejects "$name" with $expect', (v) => {
    const config = { secretKey: v.secret, maxAge: v.max_age, now: at(v.now ?? 0) };
    let error: unknown;
    try {
      loadSession(v.cookie, config);
    } catch (e) {
      error = e;
    }
    expect(errorCategory(error)).toBe(v.expect);
    if (v.exception) expect((error as Error).name).toBe(v.exception);
  });
  it.each(vectors.lenient)('accepts "$name" like Flask', (v) => {
    const config = { secretKey: v.secret, maxAge: v.max_age, now: at(v.now ?? 0) };
    expect(toConvention(loadSession(v.cookie, config))).toEqual(v.session);
  });
  it('round-trips any session', () => {
    fc.assert(
      fc.property(session, fc.integer({ min: 0, max: 253402300799 }), (data, timestamp) => {
        const cookie = signSession(data, { secretKey: 'k', timestamp });
        expect(loadSession(cookie, { secretKey: 'k' })).toEqual(data);
      }),
      { numRuns: 150 },
    );
  });
  it("rejects any change to a signed cookie's payload, timestamp or signature", () => {
    const cookie = signSession({ firstName: 'Phill', n: 1 }, { secretKey: 'k', timestamp: 1700000000 });
    fc.assert(
      fc.property(
        fc.nat({ max: cookie.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'),
        (index, replacement) => {
          const tampered = cookie.slice(0, index) + replacement + cookie.slice(index + 1);
          // Only the unused low bits of the signature's last character may change harmlessly.
          fc.pre(tampered !== cookie && index !== cookie.length - 1);
          expect(() => loadSession(tampered, { secretKey: 'k' })).toThrow(BadData);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('throws only BadData subclasses for 10 000 random strings', () => {
    const cookieish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .array(fc.constantFrom('e', 'y', 'J', '.', '_', '-', '=', 'A', 'Q', 'Z', '\u00e9', '😀'), {
          maxLength: 60,
        })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(cookieish, (input) => {
        try {
          loadSession(input, { secretKey: 'k', maxAge: 100, now: at(0) });
        } catch (error) {
          expect(error).toBeInstanceOf(BadData);
        }
      }),
      { numRuns: 10000 },
    );
  });
  it('reports which key verified the cookie', () => {
    const cookie = signSession({ a: 1 }, { secretKey: 'old', timestamp: 1 });
    expect(loadSessionDetailed(cookie, { secretKey: 'new', fallbackKeys: ['older', 'old'] })).toMatchObject({
      keyIndex: 2,
      signedAt: 1,
    });
  });
  it('gives BadPayload for a correctly signed list payload (a session must be an object)', async () => {
    const { createSigner } = await import('../../sandbox/flask-session/signer.ts');
    const { signTimed } = await import('../../sandbox/flask-session/timed.ts');
    const cookie = signTimed(createSigner({ keys: ['k'], salt: 'cookie-session' }), 'WzFd', 1);
    expect(() => loadSession(cookie, { secretKey: 'k' })).toThrow(BadPayload);
  });
});
