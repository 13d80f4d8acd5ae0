/**
 * What one client can pile up, over real sockets against the whole server: a connection that
 * pipelines gets its first answer and then a 429 that closes it; many connections from one address
 * sending bomb-cookie pages in the same instant get the first MAX_HEAVY_GETS_IN_FLIGHT served and a
 * small 429 page with Retry-After for the rest, while as many with ordinary cookies are all served; /healthz and a learner's page keep answering.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HEAVY_GETS_IN_FLIGHT } from '../../server/request-limits.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { signedBomb } from './hostile-cookies.ts';

let server: RunningServer;
let port: number;
beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

/** Everything the server sent on `socket` until it closed it (or `ms` passed). */
function answersOf(socket: Socket, ms = 15_000): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, ms);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ text, closedByServer: true });
    });
  });
}

const statusesIn = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));

describe('one connection', () => {
  it('that pipelines gets its first answer, then a 429 that closes the connection; nothing else runs', async () => {
    const socket = connect(port, '127.0.0.1');
    const answers = answersOf(socket);
    socket.write('GET /sandbox/flask/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(10));
    const { text, closedByServer } = await answers;
    expect(closedByServer).toBe(true);
    expect(statusesIn(text)).toEqual([200, 429]);
    expect(text).toMatch(/HTTP\/1\.1 429 [^\r]*\r\n(?:[^\r]+\r\n)*Connection: close\r\n/i);
    expect(text).toMatch(/Retry-After: 1\r\n/i);
    expect(text).toContain('Too many requests at once on one connection.');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('that sends one request at a time (as browsers do) is never refused', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/sandbox/flask/`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
    }
  });
});

describe('many connections from one address at once', () => {
  it('get MAX_HEAVY_GETS_IN_FLIGHT bomb pages served and a small 429 for the rest, and /healthz still answers', async () => {
    const request = `GET /sandbox/flask/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: session=${signedBomb()}\r\n\r\n`;
    const sockets = await Promise.all(
      Array.from(
        { length: 3 * MAX_HEAVY_GETS_IN_FLIGHT },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    const answers = sockets.map((socket) => answersOf(socket));
    // Once the server has taken every connection, all written in one go, so the server reads them all in one turn of its event loop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const socket of sockets) socket.write(request);
    const texts = (await Promise.all(answers)).map(({ text }) => text);
    const statuses = texts.map((text) => statusesIn(text)[0]);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(
      MAX_HEAVY_GETS_IN_FLIGHT,
    );
    const busy = texts.filter((text) => statusesIn(text)[0] === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const text of busy) {
      expect(text).toMatch(/Retry-After: 1\r\n/i);
      expect(text).toContain('The sandbox is busy with many oversized cookies from your network');
      expect(text.length).toBeLessThan(4096);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/sandbox/flask/`)).status).toBe(200);
  });

  it('with ordinary cookies are all served (a class behind one router shares an address)', async () => {
    const request =
      'GET /sandbox/flask/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: session=abc\r\n\r\n';
    const sockets = await Promise.all(
      Array.from(
        { length: 6 * MAX_HEAVY_GETS_IN_FLIGHT },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    const answers = sockets.map((socket) => answersOf(socket));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const socket of sockets) socket.write(request);
    const statuses = (await Promise.all(answers)).map(({ text }) => statusesIn(text)[0]);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
