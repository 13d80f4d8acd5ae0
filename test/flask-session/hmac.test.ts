import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha1 } from '../../sandbox/flask-session/hmac.ts';

describe('hmacSha1', () => {
  it('matches RFC 2202 test case 2', () => {
    expect(hmacSha1('Jefe')('what do ya want for nothing?').toString('hex')).toBe(
      'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    );
  });
  it("derives Flask's session key for the handout secret", () => {
    const derived = hmacSha1('w98fw9ef8hwe98fhwef')('cookie-session');
    expect(derived).toEqual(createHmac('sha1', 'w98fw9ef8hwe98fhwef').update('cookie-session').digest());
  });
  it('equals crypto.createHmac with a fresh key for any key length (also past the 64-byte block) and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 300 }), (key, message) => {
        expect(hmacSha1(key)(message)).toEqual(createHmac('sha1', key).update(message).digest());
      }),
      { numRuns: 200 },
    );
  });
  it('gives the right HMAC on every call with the same prepared key, message after message', () => {
    const key = randomBytes(20);
    const mac = hmacSha1(key);
    const messages = [randomBytes(36), randomBytes(36), Buffer.alloc(0), randomBytes(100)];
    for (const message of [...messages, ...messages]) {
      expect(mac(message)).toEqual(createHmac('sha1', key).update(message).digest());
    }
  });
});
