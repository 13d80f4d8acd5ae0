/** The page's small Flask-cookie code gives the same bytes as the server's engine. */
import { describe, expect, it } from 'vitest';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { readFlaskCookie, signedWith, signFlaskCookie } from '../../src/lib/code-tasks/flask-cookie.ts';

const key = 'w98fw9ef8hwe98fhwef';
const samples: Record<string, string>[] = [
  { firstName: 'Ada' },
  { firstName: 'Zoë ✓', favouriteColour: 'teal' },
  { firstName: 'a'.repeat(200) },
  {},
];

describe('signFlaskCookie', () => {
  it.each(samples.map((data) => [JSON.stringify(data), data] as const))(
    'signs %s as the engine does',
    async (_, data) => {
      for (const timestamp of [1_700_000_000, 1_765_000_123])
        expect(await signFlaskCookie(data, key, timestamp)).toBe(
          signSession(data, { secretKey: key, timestamp }),
        );
    },
  );
});

describe('readFlaskCookie', () => {
  it('reads back data and timestamp, compressed or not', async () => {
    for (const data of samples) {
      const cookie = await signFlaskCookie(data, key, 1_700_000_000);
      expect(readFlaskCookie(cookie)).toEqual({ data, timestamp: 1_700_000_000 });
    }
  });

  it('undoes the tuple tag of flashed messages', () => {
    const cookie = signSession({ _flashes: [] }, { secretKey: key, timestamp: 1 }).replace(
      /^[^.]+/,
      Buffer.from('{"_flashes":[{" t":["message","Hi"]}]}').toString('base64url'),
    );
    expect(readFlaskCookie(cookie)?.data).toEqual({ _flashes: [['message', 'Hi']] });
  });

  it('is undefined for what is not a Flask cookie', () => {
    expect(readFlaskCookie('abc')).toBeUndefined();
    expect(readFlaskCookie('!!.AA.sig')).toBeUndefined();
  });
});

describe('signedWith', () => {
  it('tells the signing key from another', async () => {
    const cookie = await signFlaskCookie({ firstName: 'Ada' }, key, 1_700_000_000);
    expect(await signedWith(cookie, key)).toBe(true);
    expect(await signedWith(cookie, 'another key')).toBe(false);
    expect(await signedWith(`${cookie}x`, key)).toBe(false);
  });
});
