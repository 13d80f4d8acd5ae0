/**
 * Rate limits per client address over real HTTP: a burst of guesses gets 429 with Retry-After and a
 * clear page, a flood of concurrent guesses never gets a 5xx (the worker pool's full queue is a
 * 429 too), and page views keep being served meanwhile. Each test starts its own server, so its
 * counters start at zero.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { GUESS_QUEUE_LIMIT } from '../../sandbox/lab/guess-pool.ts';
import { defaultRateLimits } from '../../sandbox/rate-limits.ts';
import { createSandboxRouter, sandboxConfigOf } from '../../sandbox/router.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { testConfig } from '../sandbox/app.ts';

const minute = 60_000;

/** Signed with a key on no list, so every guess tries all the candidates. */
const cookie = signSession(
  { firstName: 'Ada' },
  { secretKey: 'a long random key that no list holds', timestamp: 1700000000 },
);

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function guess(
  url: string,
  accept = 'application/json',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/sandbox/api/guess`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept, ...headers },
    body: new URLSearchParams({ cookie }).toString(),
  });
}

describe('guessing', () => {
  it('answers 429 with Retry-After after a burst from one address', async () => {
    server = await startServer();
    const { limit } = defaultRateLimits.guess;
    for (let i = 0; i < limit; i++) {
      const res = await guess(server.url);
      expect(res.status, `guess ${i + 1}`).toBe(200);
      await res.arrayBuffer();
    }
    const json = await guess(server.url);
    expect(json.status).toBe(429);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json.json()).error).toMatch(/Too many key guesses from your network/);
    const page = await guess(server.url, 'text/html');
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    const html = await page.text();
    expect(html).toContain('<h1>429 Too many requests</h1>');
    expect(html).toMatch(/Please try again in \d+ seconds/);
    // The lab's guess button shares the guess limit; the rest of the sandbox is not limited by it.
    const lab = await fetch(`${server.url}/sandbox/flask/lab/guess`, {
      method: 'POST',
      headers: { cookie: `session=${cookie}` },
    });
    expect(lab.status).toBe(429);
    expect((await fetch(`${server.url}/sandbox/flask/`)).status).toBe(200);
  });

  it('a client cannot escape the limit by rotating X-Forwarded-For: no proxy is trusted by default', async () => {
    server = await startServer();
    const { limit } = defaultRateLimits.guess;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await guess(server.url, 'application/json', { 'X-Forwarded-For': `203.0.113.${i % 250}` });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, limit).every((status) => status === 200)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });

  it('behind a proxy trusted with TRUST_PROXY=loopback, each forwarded client has its own count', async () => {
    server = await startServer({ TRUST_PROXY: 'loopback' });
    const { limit } = defaultRateLimits.guess;
    for (let i = 0; i < limit; i++) {
      const res = await guess(server.url, 'application/json', { 'X-Forwarded-For': '203.0.113.1' });
      await res.arrayBuffer();
    }
    const same = await guess(server.url, 'application/json', { 'X-Forwarded-For': '203.0.113.1' });
    const other = await guess(server.url, 'application/json', { 'X-Forwarded-For': '203.0.113.2' });
    expect([same.status, other.status]).toEqual([429, 200]);
  });

  it('a flood of concurrent guesses gets only 200s and 429s, and page views are still served', async () => {
    server = await startServer();
    const url = server.url;
    const flood = Array.from({ length: 100 }, async () => {
      const res = await guess(url);
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    });
    const views = Array.from({ length: 10 }, async () => (await fetch(`${url}/sandbox/flask/`)).status);
    const [guesses, pages] = await Promise.all([Promise.all(flood), Promise.all(views)]);
    expect(pages.every((status) => status === 200)).toBe(true);
    expect(guesses.some(({ status }) => status === 200)).toBe(true);
    expect(guesses.some(({ status }) => status === 429)).toBe(true);
    for (const { status, retryAfter } of guesses) {
      expect([200, 429]).toContain(status);
      if (status === 429) expect(retryAfter).toMatch(/^\d+$/);
    }
  });
});

function login(url: string, engine: string, password: string, accept = 'text/html'): Promise<Response> {
  return fetch(`${url}/sandbox/${engine}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: new URLSearchParams({ username: 'ada', password }).toString(),
    redirect: 'manual',
  });
}

describe('logging in', () => {
  it('counts only failed logins: past the limit a clear 429 page on every engine, even for the right password', async () => {
    server = await startServer();
    const { limit } = defaultRateLimits.login;
    // A class logging in and out is never slowed: successful logins give their count back.
    for (let i = 0; i < limit + 10; i++) {
      const res = await login(server.url, 'flask', 'lovelace');
      await res.arrayBuffer();
      expect(res.status, `login ${i + 1}`).toBe(302);
    }
    // The three engines' login forms share one count.
    for (let i = 0; i < limit; i++) {
      const res = await login(server.url, ['flask', 'express', 'server-side'][i % 3] as string, 'guess');
      await res.arrayBuffer();
      expect(res.status, `wrong password ${i + 1}`).toBe(401);
    }
    for (const engine of ['flask', 'express', 'server-side']) {
      const page = await login(server.url, engine, 'lovelace');
      expect(page.status, engine).toBe(429);
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(page.headers.get('set-cookie')).toBeNull();
      const html = await page.text();
      expect(html).toContain('<h1>429 Too many requests</h1>');
      expect(html).toContain(
        `Too many failed logins from your network: at most ${limit} every 60 seconds per address`,
      );
      expect(html).toMatch(/Please try again in \d+ seconds/);
    }
    const json = await login(server.url, 'flask', 'guess', 'application/json');
    expect(json.status).toBe(429);
    expect((await json.json()).error).toMatch(/^Too many failed logins/);
    // The rest of the app is not limited by it.
    expect((await fetch(`${server.url}/sandbox/flask/`)).status).toBe(200);
    const store = await fetch(`${server.url}/sandbox/flask/store`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'firstName=Ada',
      redirect: 'manual',
    });
    expect(store.status).toBe(302);
  });
});

describe('the guess queue', () => {
  it('when every guessing thread is busy and the queue is full, a flood gets 429 with Retry-After, never a 5xx', async () => {
    // The rate limit lifted, so only the worker pool's bounded queue stands in the way.
    const app = express();
    app.use(
      '/sandbox',
      createSandboxRouter(sandboxConfigOf(testConfig()), {
        rateLimits: { guess: { limit: 1e6, windowMs: minute } },
      }),
    );
    const listening = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    try {
      const answers = await Promise.all(
        Array.from({ length: GUESS_QUEUE_LIMIT * 5 }, async () => {
          const res = await guess(url);
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
        }),
      );
      const busy = answers.filter(({ status }) => status === 429);
      expect(answers.every(({ status }) => status === 200 || status === 429)).toBe(true);
      expect(answers.filter(({ status }) => status === 200).length).toBeGreaterThanOrEqual(GUESS_QUEUE_LIMIT);
      expect(busy.length).toBeGreaterThan(0);
      for (const { retryAfter, body } of busy) {
        expect(retryAfter).toMatch(/^\d+$/);
        expect(body.error).toMatch(/The key guesser is busy/);
      }
    } finally {
      listening.closeAllConnections();
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
  });
});

describe('other tools and the lab', () => {
  it('lab experiments allow a whole class behind one address, then answer 429 as JSON or a page', async () => {
    server = await startServer();
    const url = server.url;
    const resign = (accept: string) =>
      fetch(`${url}/sandbox/flask/lab/resign`, { method: 'POST', headers: { accept }, redirect: 'manual' });
    // Thirty learners doing twenty experiments each in one minute stay within the limit.
    expect(defaultRateLimits.lab.limit).toBeGreaterThanOrEqual(30 * 20);
    const statuses = new Map<number, number>();
    for (let i = 0; i < defaultRateLimits.lab.limit; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, defaultRateLimits.lab.limit - i) }, async () => {
          const res = await resign('application/json');
          await res.arrayBuffer();
          return res.status;
        }),
      );
      for (const status of batch) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect([...statuses.keys()]).toEqual([200]);
    const json = await resign('application/json');
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json.json()).error).toMatch(/Too many lab experiments/);
    const page = await resign('text/html');
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Back to the sandbox app');
    // Showing the app is never limited.
    expect((await fetch(`${url}/sandbox/flask/`)).status).toBe(200);
  });
});
