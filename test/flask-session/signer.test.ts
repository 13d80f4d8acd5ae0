import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadSignature } from '../../sandbox/flask-session/errors.ts';
import { cachedMac, createSigner, deriveMac } from '../../sandbox/flask-session/signer.ts';

const signed = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const value = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA';

describe('deriveMac', () => {
  it("keys the signature with HMAC-SHA1(secret, salt) ('hmac' key derivation)", () => {
    const key = createHmac('sha1', 'w98fw9ef8hwe98fhwef').update('cookie-session').digest();
    expect(deriveMac('w98fw9ef8hwe98fhwef', 'cookie-session')(value)).toEqual(
      createHmac('sha1', key).update(value).digest(),
    );
  });
});

describe('cachedMac', () => {
  it('returns the same function for the same secret and salt', () => {
    expect(cachedMac('a', 'b')).toBe(cachedMac('a', 'b'));
    expect(cachedMac('a', 'b')).not.toBe(cachedMac('a', 'c'));
  });

  it('keeps keys for several salts and secrets at once', () => {
    const first = cachedMac('a', 'salt one');
    const other = cachedMac('b', 'salt one');
    cachedMac('a', 'salt two');
    expect(cachedMac('a', 'salt one')).toBe(first);
    expect(cachedMac('b', 'salt one')).toBe(other);
  });

  // A guessing run derives a key for every guess: the cache must not grow with them.
  it('holds at most 512 secrets per salt, then starts over', () => {
    const salt = `salt ${Math.random()}`;
    const first = cachedMac('guess 0', salt);
    for (let i = 1; i < 512; i++) cachedMac(`guess ${i}`, salt);
    expect(cachedMac('guess 0', salt)).toBe(first); // 512 held
    cachedMac('guess 512', salt);
    expect(cachedMac('guess 0', salt)).not.toBe(first);
  });

  it('holds at most 512 salts, then starts over', () => {
    const tag = Math.random();
    const first = cachedMac('a', `salt 0 ${tag}`);
    for (let i = 1; i <= 512; i++) cachedMac('a', `salt ${i} ${tag}`);
    expect(cachedMac('a', `salt 0 ${tag}`)).not.toBe(first);
  });
});

describe('createSigner', () => {
  const signer = createSigner({ keys: ['w98fw9ef8hwe98fhwef'], salt: 'cookie-session' });
  it("signs like Flask's handout example", () => {
    expect(signer.sign(value)).toBe(signed);
  });
  it('unsigns and reports key 0', () => {
    expect(signer.unsign(signed)).toEqual({ value, keyIndex: 0 });
  });
  it("rejects a value without a dot, in itsdangerous's words", () => {
    expect(() => signer.unsign('nodots')).toThrow(new BadSignature("No b'.' found in value"));
  });
  it('reads a leading dot as an empty value with a signature that does not match', () => {
    expect(() => signer.unsign('.abc')).toThrow("Signature b'abc' does not match");
  });
  it('rejects a changed value and keeps the unverified value as payload', () => {
    try {
      signer.unsign(`x${signed}`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadSignature);
      expect((error as BadSignature).message).toBe(`Signature b'${signed.split('.')[2]}' does not match`);
      expect((error as BadSignature).payload).toBe(`x${value}`);
    }
  });
  it('signs with the current key and accepts fallback keys, reporting which matched', () => {
    const rotated = createSigner({ keys: ['new', 'older', 'w98fw9ef8hwe98fhwef'], salt: 'cookie-session' });
    expect(rotated.unsign(signed).keyIndex).toBe(2);
    expect(rotated.unsign(rotated.sign('x')).keyIndex).toBe(0);
  });
  it('tries the fallback keys from the most recent (last) one, as itsdangerous does', () => {
    const twice = createSigner({
      keys: ['new', 'w98fw9ef8hwe98fhwef', 'w98fw9ef8hwe98fhwef'],
      salt: 'cookie-session',
    });
    expect(twice.unsign(signed).keyIndex).toBe(2);
  });
  it('returns -1 from verify for an undecodable or short signature', () => {
    expect(signer.verify(value, 'abcde')).toBe(-1);
    expect(signer.verify(value, 'AAAA')).toBe(-1);
  });
  it('refuses an empty key list', () => {
    expect(() => createSigner({ keys: [], salt: 's' })).toThrow(
      new TypeError('createSigner needs at least one key'),
    );
  });
});
