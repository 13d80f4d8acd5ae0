import { describe, expect, it } from 'vitest';
import { COMMON_SECRETS, guessSecret } from '../../sandbox/cookie-tools/index.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';

describe('guessSecret', () => {
  it("finds the handout's key in the built-in list", () => {
    const result = guessSecret(phill, COMMON_SECRETS);
    expect(result.key).toBe('w98fw9ef8hwe98fhwef');
    expect(result.tried).toBe(COMMON_SECRETS.indexOf('w98fw9ef8hwe98fhwef') + 1);
  });
  it('reports candidates tried and the rate from the injected clock when the key is not there', () => {
    let t = 0;
    const clock = () => {
      t += 500;
      return t;
    };
    expect(guessSecret(phill, ['a', 'b', 'c', 'd'], { clock })).toEqual({
      tried: 4,
      seconds: 0.5,
      perSecond: 8,
    });
  });
  it('stops at the limit', () => {
    expect(guessSecret(phill, ['a', 'b', 'c'], { limit: 2 }).tried).toBe(2);
  });
  it('tries nothing for a string that is not a signed cookie', () => {
    expect(guessSecret('not a cookie', ['a']).tried).toBe(0);
  });
  it('works with a custom salt', () => {
    const cookie = signSession({ a: 1 }, { secretKey: 'pw', salt: 'other', timestamp: 5 });
    expect(guessSecret(cookie, ['x', 'pw'], { salt: 'other' }).key).toBe('pw');
  });
});
