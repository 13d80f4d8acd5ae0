/**
 * Bad input never breaks the sandbox: tampered, truncated, oversized, non-ASCII and random cookies
 * give an empty session (never a 5xx); missing and huge form fields get 400/413 pages; HTML in a
 * learner's value comes back escaped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import Keygrip from 'keygrip';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

const demoKey = 'w98fw9ef8hwe98fhwef';
const good = signSession(
  { firstName: 'Phill' },
  { secretKey: demoKey, timestamp: Math.floor(Date.now() / 1000) },
);
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(sandboxApp());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GETs both engines' pages with a raw Cookie header; returns the Flask page's record. */
async function withCookie(cookie: string): Promise<Exchange> {
  for (const engine of ['express', 'flask']) {
    const res = await request(base).get(`/sandbox/${engine}/`).set('Cookie', cookie);
    expect(res.status, `${engine} with Cookie: ${JSON.stringify(cookie)}`).toBe(200);
    if (engine === 'flask') return embeddedExchanges(res.text).at(-1) as unknown as Exchange;
  }
  throw new Error('unreachable');
}

describe('bad cookies', () => {
  it('a valid cookie is the baseline', async () => {
    expect((await withCookie(`session=${good}`)).session).toMatchObject({
      status: 'valid',
      before: { firstName: 'Phill' },
    });
  });

  it('tampered, truncated and foreign cookies are silently an empty session', async () => {
    const flipped = `${good.slice(0, 5)}${good[5] === 'x' ? 'y' : 'x'}${good.slice(6)}`;
    const cases = [
      flipped,
      good.slice(0, -3),
      good.slice(0, good.indexOf('.')),
      `${good}.`,
      '.eJw.AA.AA',
      'e30=',
      's:abc.def',
    ];
    for (const value of cases) {
      const record = await withCookie(`session=${value}`);
      expect(record.session.before).toEqual({});
      expect(record.templateBranch).toBe('else');
      expect(record.session.status).not.toBe('valid');
    }
  });

  it('an oversized (> 8 KB) Cookie header is an empty session, not an error', async () => {
    const record = await withCookie(`session=${'A'.repeat(9000)}.${good}`);
    expect(record.session.status).toBe('bad-signature');
    expect(record.anatomy?.input.length).toBeGreaterThan(9000);
  });

  it('an Express session forged with the public key and odd values still renders', async () => {
    const value = Buffer.from('{"firstName":{"toString":1},"__proto__":{"isNew":true}}').toString('base64');
    const sig = new Keygrip([demoKey]).sign(`session=${value}`);
    const res = await request(base)
      .get('/sandbox/express/')
      .set('Cookie', `session=${value}; session.sig=${sig}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('First Name: {&quot;toString&quot;:1}<br>');
  });

  it('an Express session value nested 64 deep is shown; one level deeper is a note', async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const pageFor = async (levels: number) => {
      const value = Buffer.from(`{"firstName":${nested(levels)}}`).toString('base64');
      const sig = new Keygrip([demoKey]).sign(`session=${value}`);
      const res = await request(base)
        .get('/sandbox/express/')
        .set('Cookie', `session=${value}; session.sig=${sig}`);
      expect(res.status).toBe(200);
      return { html: res.text, record: embeddedExchanges(res.text)[0] as unknown as Exchange };
    };
    const note = '[nested deeper than 64 levels: not shown]';
    const deepest = await pageFor(64);
    expect(deepest.html).toContain(`First Name: ${nested(64).replaceAll('"', '&quot;')}<br>`);
    const deeper = await pageFor(65);
    expect(deeper.html).toContain(`First Name: ${note}<br>`);
    expect(deeper.record.session.before).toEqual({ firstName: note });
  });

  it('non-ASCII (Latin-1) cookie bytes are an empty session', async () => {
    const record = await withCookie(`session=${good.slice(0, 10)}é${good.slice(10)}; sandbox_lab=ü`);
    expect(record.session.before).toEqual({});
  });

  it('random cookie headers never give a 5xx', async () => {
    const latin1 = fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c));
    const segment = fc.string({ unit: fc.constantFrom(...'ABCabc019-_.=é'), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: latin1, maxLength: 200 }).map((s) => `session=${s}`),
          fc.tuple(segment, segment, segment).map(([a, b, c]) => `session=${a}.${b}.${c}`),
          fc
            .string({ unit: latin1, maxLength: 200 })
            .map((s) => `sandbox_lab=${s}; session.sig=${s}; session=${s}`),
          fc.string({ unit: latin1, maxLength: 200 }),
        ),
        async (cookie) => {
          await withCookie(cookie.trim() === '' ? 'x=1' : cookie);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bad form input', () => {
  it('a missing field is 400 "Bad Request", like Flask', async () => {
    for (const engine of ['flask', 'express']) {
      const res = await request(base).post(`/sandbox/${engine}/store`).type('form').send({ other: 'x' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Bad Request');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const none = await request(base).post('/sandbox/flask/store-second');
    expect(none.status).toBe(400);
  });

  it('a huge value is 413, a huge body is 413, with a friendly page and no stack', async () => {
    const long = await request(base)
      .post('/sandbox/flask/store')
      .type('form')
      .send({ firstName: 'x'.repeat(7000) });
    expect(long.status).toBe(413);
    const huge = await request(base)
      .post('/sandbox/flask/store')
      .type('form')
      .send({ firstName: 'x'.repeat(40000) });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('too large');
    expect(huge.text).not.toMatch(/at .*\.(ts|js):\d+/);
    const json = await request(base)
      .post('/sandbox/flask/store')
      .set('Accept', 'application/json')
      .type('form')
      .send({ firstName: 'x'.repeat(40000) });
    expect(json.body).toMatchObject({ status: 413 });
  });

  it('too many form fields and an unsupported charset are named as such', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `f${i}=1`).join('&');
    const fields = await request(base)
      .post('/sandbox/flask/store')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(many);
    expect(fields.status).toBe(413);
    expect(fields.text).toContain('too many form fields');
    expect(fields.text).not.toContain('too much text');
    expect(fields.text).not.toContain('Please send less text');
    const charset = await request(base)
      .post('/sandbox/flask/store')
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r')
      .send('firstName=x');
    expect(charset.status).toBe(415);
    expect(charset.text).toContain('<title>Unsupported form · Session Lab sandbox</title>');
    expect(charset.text).toContain('<h1>415 Unsupported form</h1>');
    expect(charset.text).not.toContain('Bad Request');
  });

  it('a compressed form is refused with 415 and says so, changing nothing', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync('firstName=Zip')],
      ['deflate', deflateSync('firstName=Zip')],
      ['br', brotliCompressSync('firstName=Zip')],
    ] as const) {
      for (const path of ['/sandbox/flask/store', '/sandbox/flask/lab/forge', '/sandbox/api/decode']) {
        const res = await request(base)
          .post(path)
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .set('Content-Encoding', encoding)
          .send(body);
        expect(res.status, `${encoding} ${path}`).toBe(415);
        expect(res.headers['set-cookie'], `${encoding} ${path}`).toBeUndefined();
        expect(res.text).toContain('<h1>415 Unsupported form</h1>');
        expect(res.text).toContain('only without content encoding (no gzip etc.)');
      }
    }
    const json = await request(base)
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync('cookie=x'));
    expect(json.status).toBe(415);
    expect(json.body.error).toMatch(/without content encoding/);
  });

  it('odd bodies and encodings never give a 5xx', async () => {
    const bodies: Array<[string, string]> = [
      ['application/x-www-form-urlencoded', 'firstName=%E0%A4%A'],
      ['application/x-www-form-urlencoded; charset=koi8-r', 'firstName=x'],
      ['application/json', '{"firstName": "x"}'],
      ['text/plain', 'firstName=x'],
      ['application/x-www-form-urlencoded', 'firstName=a&firstName=b'],
      ['application/x-www-form-urlencoded', Array.from({ length: 40 }, (_, i) => `f${i}=1`).join('&')],
    ];
    for (const [type, body] of bodies) {
      for (const path of [
        '/sandbox/flask/store',
        '/sandbox/flask/lab/forge',
        '/sandbox/api/decode',
        '/sandbox/express/lab/tamper',
      ]) {
        const res = await request(base).post(path).set('Content-Type', type).send(body);
        expect(res.status, `${path} ${type} ${body}`).toBeLessThan(500);
      }
    }
  });

  it('<script> as a first name comes back escaped, never raw', async () => {
    const agent = request.agent(base);
    const attack = '<script>alert(1)</script>';
    const store = await agent.post('/sandbox/flask/store').type('form').send({ firstName: attack });
    for (const url of [store.headers.location, '/sandbox/flask/']) {
      const res = await agent.get(url);
      expect(res.text).toContain('First Name: &lt;script&gt;alert(1)&lt;/script&gt;<br>');
      expect(res.text).not.toContain(attack);
    }
    const express = request.agent(base);
    await express.post('/sandbox/express/store').type('form').send({ firstName: attack });
    expect((await express.get('/sandbox/express/')).text).not.toContain(attack);
  });

  it('a forged Markup value is escaped too (the sandbox never trusts session HTML)', async () => {
    const agent = request.agent(base);
    await agent
      .post('/sandbox/flask/lab/forge')
      .type('form')
      .send({ json: '{"firstName": {"$markup": "<b>hi</b>"}}' });
    const res = await agent.get('/sandbox/flask/');
    expect(res.text).toContain('First Name: &lt;b&gt;hi&lt;/b&gt;<br>');
  });
});
