/** guessSecret on the cookies a learner may paste: compressed ones, and ones with no usable signature. */
import { describe, expect, it } from 'vitest';
import { guessSecret } from '../../sandbox/cookie-tools/index.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';

const still = () => 1000;

describe('guessSecret inputs', () => {
  it('finds the key of a compressed cookie (the leading dot is part of what was signed)', () => {
    const cookie = signSession({ notes: 'ab'.repeat(200) }, { secretKey: 'dev', timestamp: 1 });
    expect(cookie.startsWith('.')).toBe(true);
    expect(guessSecret(cookie, ['secret', 'dev', 'other'], { clock: still })).toEqual({
      key: 'dev',
      tried: 2,
      seconds: 0,
      perSecond: 0,
    });
  });
  it('tries nothing when the signature is not 20 bytes or not base64', () => {
    for (const cookie of [
      'a.b.c',
      'a.b.AAAAA',
      'eyJ9.ZVPxAA.',
      'eyJ9.ZVPxAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(guessSecret(cookie, ['a', 'b'], { clock: still }), cookie).toStrictEqual({
        tried: 0,
        seconds: 0,
        perSecond: 0,
      });
    }
  });
  it('reads the signature after the last dot only: text without a dot has none', () => {
    const sig20 = 'A'.repeat(27);
    expect(guessSecret(sig20, ['a', 'b']).tried).toBe(0);
    expect(guessSecret(`.${sig20}`, ['a', 'b']).tried).toBe(2);
  });
  it('tries none with a limit of 0, and every candidate without a limit', () => {
    const cookie = signSession({ a: 1 }, { secretKey: 'zzz', timestamp: 1 });
    expect(guessSecret(cookie, ['a', 'b'], { limit: 0 }).tried).toBe(0);
    expect(guessSecret(cookie, new Set(['a', 'b', 'c'])).tried).toBe(3);
  });
  it('measures with the real clock by default', () => {
    const result = guessSecret(signSession({}, { secretKey: 'k', timestamp: 1 }), ['k']);
    expect(result.key).toBe('k');
    expect(Number.isFinite(result.seconds) && result.seconds >= 0).toBe(true);
  });
});
