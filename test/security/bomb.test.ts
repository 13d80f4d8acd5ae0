/**
 * A zlib-bomb session cookie (15.6 KB that inflates to 12 MB of JSON), unsigned or signed with the
 * public demo key, gets a small answer from every page and tool that reads cookies, over real
 * HTTP against the whole server; 120 clients that send it and never read leave the server serving.
 */
import { connect, type Socket } from 'node:net';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { base64UrlEncode } from '../../sandbox/flask-session/encoding.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { embeddedExchanges } from '../sandbox/app.ts';
import { BOMB_JSON_BYTES, bombPayload, signedBomb, signPayload, unsignedBomb } from './hostile-cookies.ts';

/** Far below the 24 MB (unsigned) and 85 MB (signed) pages the bomb used to produce. */
const SMALL = 200 * 1024;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function send(path: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(server.url + path, { redirect: 'manual', ...init });
  return { status: res.status, body: await res.text() };
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('the bomb cookie', () => {
  it('is really a bomb: about 15.6 KB that inflates to 12 MB', () => {
    expect(unsignedBomb().length).toBeGreaterThan(15_000);
    expect(unsignedBomb().length).toBeLessThan(16_000);
    expect(BOMB_JSON_BYTES / bombPayload().length).toBeGreaterThan(700);
  });

  for (const [kind, cookie] of [
    ['unsigned', unsignedBomb],
    ['signed with the demo key', () => signedBomb()],
  ] as const) {
    describe(kind, () => {
      it('the Flask app page answers small, with the inspector saying why it was not opened', async () => {
        for (const accept of ['text/html', 'application/json']) {
          const res = await send('/sandbox/flask/', { headers: { cookie: `session=${cookie()}`, accept } });
          expect(res.status).toBe(200);
          expect(res.body.length).toBeLessThan(SMALL);
          expect(res.body).toContain('inflates past 64 KB');
          expect(res.body).not.toContain('A'.repeat(20_000));
          if (kind !== 'unsigned') expect(res.body).toContain('real Flask would inflate it');
        }
      });

      it('a store, a lab experiment and the lab guess answer small too', async () => {
        const headers = {
          cookie: `session=${cookie()}`,
          'content-type': 'application/x-www-form-urlencoded',
        };
        const store = await send('/sandbox/flask/store', { method: 'POST', headers, body: 'firstName=Ada' });
        expect(store.status).toBe(302);
        const resign = await send('/sandbox/flask/lab/resign', {
          method: 'POST',
          headers: { ...headers, accept: 'application/json' },
        });
        expect(resign.status).toBe(200);
        expect(resign.body.length).toBeLessThan(SMALL);
        const guess = await send('/sandbox/flask/lab/guess', { method: 'POST', headers, body: '' });
        expect(guess.status).toBe(200);
        expect(guess.body.length).toBeLessThan(SMALL);
        const express = await send('/sandbox/express/', { headers: { cookie: `session=${cookie()}` } });
        expect(express.status).toBe(200);
        expect(express.body.length).toBeLessThan(SMALL);
      });
    });
  }

  it('the decode and guess tools refuse to open a bomb that fits their fields', async () => {
    // The tools' fields are smaller than a Cookie header: a 6000-character bomb still inflates to ~4.5 MB.
    const small = `.${bombPayload().slice(1, 5900)}.ZVPxAA.${'A'.repeat(27)}`;
    for (const accept of ['text/html', 'application/json']) {
      const decoded = await send('/sandbox/api/decode', {
        ...form({ cookie: small, secretKey: 'w98fw9ef8hwe98fhwef' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      });
      expect(decoded.status).toBe(200);
      expect(decoded.body.length).toBeLessThan(SMALL);
      expect(decoded.body).toContain('inflates past 64 KB');
    }
    const guess = await send('/sandbox/api/guess', form({ cookie: small.slice(0, 4000) }));
    expect([200, 400]).toContain(guess.status);
    expect(guess.body.length).toBeLessThan(SMALL);
  });
});

describe('a signed cookie just under the inflate cap', () => {
  it('is opened, as Flask would, and its record cuts the long strings', async () => {
    const json = `{"firstName":"${'B'.repeat(60_000)}"}`;
    const cookie = signPayload(`.${base64UrlEncode(deflateSync(json))}`);
    const res = await fetch(`${server.url}/sandbox/flask/`, { headers: { cookie: `session=${cookie}` } });
    const html = await res.text();
    expect(res.status).toBe(200);
    const [record] = embeddedExchanges(html) as unknown as Exchange[];
    expect(record?.session.status).toBe('valid');
    expect(record?.truncated).toBe(true);
    expect(String(record?.session.before.firstName)).toMatch(/^B{16384}… \[43616 more characters\]$/);
    // Bounded by the cap: the page shows the value once in full, the record cut.
    expect(html.length).toBeLessThan(512 * 1024);
  });
});

describe('120 clients that send the signed bomb and never read the answer', () => {
  it('leave the server alive and answering', async () => {
    const { hostname, port } = new URL(server.url);
    const request = `GET /sandbox/flask/ HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: session=${signedBomb()}\r\n\r\n`;
    const sockets: Socket[] = [];
    try {
      await Promise.all(
        Array.from(
          { length: 120 },
          () =>
            new Promise<void>((resolve, reject) => {
              const socket = connect(Number(port), hostname, () => socket.write(request));
              // The first bytes of the answer show the server handled the request; then read no more.
              socket.once('data', () => {
                socket.pause();
                resolve();
              });
              socket.on('error', reject);
              sockets.push(socket);
            }),
        ),
      );
      // A learner's normal page view still gets its answer.
      const res = await fetch(`${server.url}/sandbox/flask/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('First name');
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
