/** Sealing keys derived from the server secret, one per label (HKDF-SHA256, RFC 5869). */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealingKey } from '../../sandbox/web/sealing.ts';

/** RFC 5869 by hand for one block: PRK = HMAC(salt, IKM); OKM = HMAC(PRK, info || 0x01). */
function hkdfByHand(secret: string, info: string): Buffer {
  const prk = createHmac('sha256', 'session-lab').update(secret).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
    .digest();
}

describe('sealingKey', () => {
  it('is HKDF-SHA256 of the secret with the label as info', () => {
    const key = sealingKey('class secret', 'session-lab lab settings v2');
    expect(key).toHaveLength(32);
    expect(key.equals(hkdfByHand('class secret', 'session-lab lab settings v2'))).toBe(true);
  });
  it('gives each label and each secret its own key, and the same key again', () => {
    const a = sealingKey('s', 'lab');
    expect(sealingKey('s', 'lab').equals(a)).toBe(true);
    expect(sealingKey('s', 'trace').equals(a)).toBe(false);
    expect(sealingKey('t', 'lab').equals(a)).toBe(false);
  });
  it('without a server secret uses one random secret per process, never the empty string', () => {
    const random = sealingKey(undefined, 'lab');
    expect(sealingKey(undefined, 'lab').equals(random)).toBe(true);
    expect(sealingKey('', 'lab').equals(random)).toBe(false);
  });
});
