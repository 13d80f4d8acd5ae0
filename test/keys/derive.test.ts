/** Keys derived from the server secret, one per purpose (HKDF-SHA256, RFC 5869). */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DERIVED_KEY_LENGTH, deriveKey } from '../../sandbox/keys/derive.ts';

/** RFC 5869 by hand for one block: PRK = HMAC(salt = zeros, IKM); OKM = HMAC(PRK, info || 0x01). */
function hkdfByHand(secret: string, info: string): Buffer {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(secret).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
    .digest();
}

describe('deriveKey', () => {
  it('is HKDF-SHA256 of the secret with the purpose as info', () => {
    const key = deriveKey('class secret', 'session-lab lab settings v2');
    expect(key).toHaveLength(DERIVED_KEY_LENGTH);
    expect(key.equals(hkdfByHand('class secret', 'session-lab lab settings v2'))).toBe(true);
  });
  it('gives each purpose and each secret its own key, and the same key again', () => {
    const a = deriveKey('s', 'lab');
    expect(deriveKey('s', 'lab').equals(a)).toBe(true);
    expect(deriveKey('s', 'trace').equals(a)).toBe(false);
    expect(deriveKey('t', 'lab').equals(a)).toBe(false);
  });
  it('without a server secret uses one random secret per process, never the empty string', () => {
    const random = deriveKey(undefined, 'lab');
    expect(deriveKey(undefined, 'lab').equals(random)).toBe(true);
    expect(deriveKey('', 'lab').equals(random)).toBe(false);
  });
});
