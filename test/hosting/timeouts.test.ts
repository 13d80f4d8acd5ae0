/**
 * The server's timeouts as README states them, over a real socket to the server `npm start` runs
 * (server/listen.ts): a client that trickles its headers is answered 408 and cut once 10 s have
 * passed, not up to 30 s later (Node checks timeouts only every `connectionsCheckingInterval`).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { listen, type Serving } from '../../server/listen.ts';
import { defaultDistDir } from '../../server/server.ts';

let serving: Serving;
beforeAll(async () => {
  serving = await listen(readConfig({ PORT: '0', LOG_REQUESTS: '0' }), defaultDistDir);
});
afterAll(async () => {
  await serving?.stopper.stop();
});

/** Sends a header line every second, never the blank line; resolves with what came back and when. */
function trickleHeaders(port: number): Promise<{ seconds: number; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let answer = '';
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 1000);
    const giveUp = setTimeout(() => socket.destroy(), 45_000);
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ seconds: (Date.now() - started) / 1000, answer });
    });
  });
}

describe('timeouts', () => {
  it('cuts a client that trickles its headers with a 408 close to 10 s', async () => {
    const { seconds, answer } = await trickleHeaders(serving.port);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // Node's own margin: the check runs every second, so 10 to 11 s (a little more on a busy machine).
    expect(seconds).toBeGreaterThanOrEqual(9.9);
    expect(seconds).toBeLessThan(14);
  }, 60_000);
});
