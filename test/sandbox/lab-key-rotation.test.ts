/**
 * Rotating the lab's secret key: the key in force signs, the last three keys are kept as fallbacks
 * (newest last), a key that comes back is not kept twice, and replacing drops every fallback.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from './app.ts';

const app = sandboxApp();
const cookieSignedWith = (key: string) =>
  signSession({ firstName: key }, { secretKey: key, timestamp: Math.floor(Date.now() / 1000) });

/** Sets the lab key (replace or rotate) on top of `lab` (a sandbox_lab cookie); returns the new cookie. */
async function setKey(lab: string, secretKey: string, mode: 'replace' | 'rotate'): Promise<string> {
  const res = await request(app)
    .post('/sandbox/flask/lab/key')
    .set('Cookie', lab)
    .type('form')
    .send({ secretKey, mode });
  expect(res.status).toBe(302);
  const header = setCookiesOf(res).find((h) => h.startsWith('sandbox_lab='));
  return (header as string).split(';')[0] as string;
}

/** How the app judges a cookie signed with `key` under the lab settings `lab`. */
async function judge(lab: string, key: string): Promise<Exchange['session']> {
  const res = await request(app)
    .get('/sandbox/flask/')
    .set('Cookie', `${lab}; session=${cookieSignedWith(key)}`);
  const [record] = embeddedExchanges(res.text) as unknown as Exchange[];
  return (record as Exchange).session;
}

describe('lab key rotation', () => {
  it('keeps the last three keys as fallbacks, newest last', async () => {
    let lab = await setKey('', 'k1', 'replace');
    for (const key of ['k2', 'k3', 'k4']) lab = await setKey(lab, key, 'rotate');
    expect(await judge(lab, 'k4')).toMatchObject({ status: 'valid', keyIndex: 0 });
    expect(await judge(lab, 'k3')).toMatchObject({ status: 'valid', keyIndex: 3 });
    expect(await judge(lab, 'k1')).toMatchObject({ status: 'valid', keyIndex: 1 });

    lab = await setKey(lab, 'k5', 'rotate');
    expect(await judge(lab, 'k1')).toMatchObject({ status: 'bad-signature', before: {} });
    expect(await judge(lab, 'k2')).toMatchObject({ status: 'valid', keyIndex: 1 });
  });

  it('does not keep a key twice when an old key comes back', async () => {
    let lab = await setKey('', 'k1', 'replace');
    for (const key of ['k2', 'k3', 'k1']) lab = await setKey(lab, key, 'rotate');
    // In force k1; fallbacks k2, k3 (k1 is not also a fallback).
    expect(await judge(lab, 'k1')).toMatchObject({ status: 'valid', keyIndex: 0 });
    expect(await judge(lab, 'k2')).toMatchObject({ status: 'valid', keyIndex: 1 });
    expect(await judge(lab, 'k3')).toMatchObject({ status: 'valid', keyIndex: 2 });
    lab = await setKey(lab, 'k4', 'rotate');
    expect(await judge(lab, 'k2')).toMatchObject({ status: 'valid', keyIndex: 1 });
  });

  it('replacing the key drops every fallback', async () => {
    let lab = await setKey('', 'k1', 'replace');
    lab = await setKey(lab, 'k2', 'rotate');
    lab = await setKey(lab, 'k3', 'replace');
    expect(await judge(lab, 'k2')).toMatchObject({ status: 'bad-signature' });
    expect(await judge(lab, 'k3')).toMatchObject({ status: 'valid', keyIndex: 0 });
  });

  it('names what is wrong with a key or a mode', async () => {
    const answers = await Promise.all(
      [{ secretKey: '' }, { secretKey: 'x'.repeat(201) }, { secretKey: 'k', mode: 'swap' }].map((form) =>
        request(app).post('/sandbox/flask/lab/key').set('Accept', 'application/json').type('form').send(form),
      ),
    );
    expect(answers.map((res) => [res.status, res.body.error])).toEqual([
      [400, 'Type a secret key of 1 to 200 characters.'],
      [413, 'The "secretKey" field is too long: 201 characters, at most 200 are accepted.'],
      [400, 'mode must be "replace" or "rotate".'],
    ]);
    const exact = await setKey('', 'x'.repeat(200), 'replace');
    expect(await judge(exact, 'x'.repeat(200))).toMatchObject({ status: 'valid', keyIndex: 0 });
  });
});
