/**
 * anatomy's verdict is the engine's own judgement: for any input, valid exactly when loadSession
 * accepts it (with the same data and key), expired, bad payload or bad signature as loadSession
 * throws. anatomy throws only on a bug, so a crash while dissecting fails these properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anatomy } from '../../sandbox/cookie-tools/index.ts';
import {
  BadPayload,
  BadSignature,
  loadSessionDetailed,
  SignatureExpired,
  signSession,
} from '../../sandbox/flask-session/index.ts';
import { session } from '../flask-session/arbitraries.ts';

const keys = { secretKey: 'k', fallbackKeys: ['old'] };
const maxAge = 1000;
const now = () => 1700000000;

/** What loadSession says about `input`, in anatomy's words. */
function engineVerdict(input: string): { kind: string; keyIndex?: number; data?: unknown } {
  try {
    const { keyIndex, data } = loadSessionDetailed(input, { ...keys, maxAge, now });
    return { kind: 'valid', keyIndex, data };
  } catch (error) {
    if (error instanceof SignatureExpired) return { kind: 'expired' };
    if (error instanceof BadPayload) return { kind: 'bad-payload' };
    if (error instanceof BadSignature) return { kind: 'bad-signature' };
    throw error;
  }
}

function expectAgreement(input: string): void {
  const a = anatomy(input, { ...keys, maxAge, now });
  const engine = engineVerdict(input);
  if (engine.kind === 'valid') {
    expect(a.verdict).toEqual({ kind: 'valid', keyIndex: engine.keyIndex });
    expect(a.value).toEqual(engine.data);
    expect(a.isFlaskCookie).toBe(true);
  } else if (engine.kind === 'bad-signature') {
    // anatomy may say earlier, from the shape alone, that it is not a Flask cookie at all.
    expect(['bad-signature', 'not-flask']).toContain(a.verdict.kind);
  } else {
    expect(a.verdict.kind).toBe(engine.kind);
  }
}

/** A signed cookie, sometimes with one character changed, cut short or extended. */
const signedCookie = fc
  .tuple(
    session,
    fc.constantFrom('k', 'old', 'other'),
    fc.integer({ min: now() - 2 * maxAge, max: now() + 10 }),
  )
  .map(([data, secretKey, timestamp]) => signSession(data, { secretKey, timestamp }));
const damaged = fc
  .tuple(signedCookie, fc.nat(), fc.constantFrom('', 'A', '.', '_', 'é'), fc.boolean())
  .map(([cookie, at, char, cut]) => {
    const i = at % (cookie.length + 1);
    return cut ? cookie.slice(0, i) : cookie.slice(0, i) + char + cookie.slice(i + 1);
  });

describe('anatomy agrees with loadSession', () => {
  it('on signed cookies, whichever key signed them and however old', () => {
    fc.assert(fc.property(signedCookie, expectAgreement), { numRuns: 100 });
  });
  it('on signed cookies with one character changed or cut short', () => {
    fc.assert(fc.property(damaged, expectAgreement), { numRuns: 300 });
  });
  it('on random strings made of cookie characters', () => {
    const cookieish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .array(fc.constantFrom('e', 'y', 'J', '.', '_', '-', '=', 'A', 'Q', 'Z', '\u00e9', '😀'), {
          maxLength: 60,
        })
        .map((a) => a.join('')),
    );
    fc.assert(fc.property(cookieish, expectAgreement), { numRuns: 1000 });
  });
});
