import { describe, expect, it } from 'vitest';
import { BadSignature, BadTimeSignature, SignatureExpired } from '../../sandbox/flask-session/errors.ts';
import { createSigner } from '../../sandbox/flask-session/signer.ts';
import {
  decodeTimestamp,
  encodeTimestamp,
  signTimed,
  unsignTimed,
} from '../../sandbox/flask-session/timed.ts';

const signer = createSigner({ keys: ['w98fw9ef8hwe98fhwef'], salt: 'cookie-session' });
const cookie = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const at = (seconds: number) => () => seconds;

describe('encodeTimestamp', () => {
  it('writes Unix seconds as big-endian base64url', () => {
    expect(encodeTimestamp(1700000000)).toBe('ZVPxAA');
    expect(encodeTimestamp(1)).toBe('AQ');
    expect(encodeTimestamp(0)).toBe('');
  });
  it('drops fractions of a second', () => {
    expect(encodeTimestamp(1700000000.9)).toBe('ZVPxAA');
  });
});

describe('decodeTimestamp', () => {
  it('reads a timestamp, the empty segment as 0, and garbage as undefined', () => {
    expect(decodeTimestamp('ZVPxAA')).toBe(1700000000);
    expect(decodeTimestamp('')).toBe(0);
    expect(decodeTimestamp('abcde')).toBeUndefined();
  });
});

describe('signTimed', () => {
  it('appends the timestamp and signs both', () => {
    expect(signTimed(signer, 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9', 1700000000)).toBe(cookie);
  });
});

describe('unsignTimed', () => {
  it('returns the value, the signing time and the key', () => {
    expect(unsignTimed(signer, cookie, { now: at(0) })).toEqual({
      value: 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9',
      signedAt: 1700000000,
      keyIndex: 0,
    });
  });
  it('accepts an age of exactly maxAge', () => {
    expect(unsignTimed(signer, cookie, { maxAge: 3600, now: at(1700003600) }).signedAt).toBe(1700000000);
  });
  it('throws SignatureExpired one second later, with the age and date', () => {
    try {
      unsignTimed(signer, cookie, { maxAge: 3600, now: at(1700003601) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SignatureExpired);
      expect(error).toMatchObject({
        age: 3601,
        signedAt: 1700000000,
        message: 'Signature age 3601 > 3600 seconds',
      });
    }
  });
  it('throws SignatureExpired for a timestamp in the future', () => {
    expect(() => unsignTimed(signer, cookie, { maxAge: 3600, now: at(1699999999) })).toThrow(
      SignatureExpired,
    );
  });
  it('does not read the clock without maxAge', () => {
    const now = () => {
      throw new Error('clock read');
    };
    expect(unsignTimed(signer, cookie, { now }).signedAt).toBe(1700000000);
  });
  it('throws BadTimeSignature for a bad signature, carrying the claimed date', () => {
    try {
      unsignTimed(signer, cookie.replace('iGXX', 'AGXX'), { now: at(0) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadTimeSignature);
      expect((error as BadTimeSignature).signedAt).toBe(1700000000);
    }
  });
  it('throws plain BadSignature when there is no timestamp separator at all', () => {
    const error = (() => {
      try {
        unsignTimed(signer, 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA', { now: at(0) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BadSignature);
    expect(error).not.toBeInstanceOf(BadTimeSignature);
  });
  it('throws BadTimeSignature when a correctly signed value has no timestamp', () => {
    expect(() => unsignTimed(signer, signer.sign('payload'), { now: at(0) })).toThrow('timestamp missing');
  });
  it('throws BadTimeSignature for a correctly signed timestamp past year 9999', () => {
    expect(() => unsignTimed(signer, signer.sign('payload.AQAAAAAAAA'), { now: at(0) })).toThrow(
      'Malformed timestamp',
    );
  });
});
