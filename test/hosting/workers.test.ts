/**
 * WORKERS=2: a primary and two workers behind one port. A learner's session stored by one worker
 * shows on the other, and the inspector's record of the store (sealed with the server secret the
 * primary shares when SESSION_LAB_SECRET is unset) opens on either.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, type StartedProcess, startProcess, urlOf, waitUntil } from '../helpers/process.ts';
import { embeddedExchanges } from '../sandbox/app.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a fresh connection (no keep-alive), so the cluster picks a worker for each. */
function send(
  url: string,
  options: { method?: string; cookie?: string; form?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      agent: false,
      headers: {
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...(options.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.form);
  });
}

let server: StartedProcess;
let base: string;

beforeAll(async () => {
  // No SESSION_LAB_SECRET: the primary makes one and gives it to both workers.
  server = startProcess({ PORT: '0', WORKERS: '2', LOG_REQUESTS: '1', SESSION_LAB_SECRET: '' });
  base = await urlOf(server);
});

afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

describe('WORKERS=2', () => {
  it('says it runs two workers that share one random secret', async () => {
    expect(await server.waitForLine(/is running at/)).toMatch(
      /^Session Lab is running at http:\/\/127\.0\.0\.1:\d+\/ \(2 workers\)$/,
    );
    expect(await server.waitForLine(/SESSION_LAB_SECRET/)).toBe(
      'Session Lab: SESSION_LAB_SECRET is not set, so the workers share one random secret made at start. Set it (the same on every machine) to run several machines behind a load balancer.',
    );
  });

  it("shows a learner's session and the record of its store on every worker", async () => {
    const stores = 4;
    const shows = 24;
    for (let i = 0; i < stores; i++) {
      const stored = await send(`${base}/sandbox/flask/store`, { method: 'POST', form: 'firstName=Ada' });
      expect(stored.status).toBe(302);
      const cookie = String(stored.headers['set-cookie']).split(';')[0] as string;
      const location = String(stored.headers.location);
      for (let j = 0; j < shows / stores; j++) {
        const shown = await send(`${base}${location}`, { cookie });
        expect(shown.status).toBe(200);
        expect(shown.body).toContain('First Name: Ada');
        // The store's record came through ?trace=, sealed by whichever worker took the POST.
        const exchanges = embeddedExchanges(shown.body);
        expect(exchanges.map((exchange) => `${exchange.method} ${exchange.path}`)).toEqual([
          'POST /sandbox/flask/store',
          'GET /sandbox/flask/',
        ]);
      }
    }
    // Both workers answered page views, and some page view came from another worker than the store
    // before it. The requests went one after another and each worker logs before it answers, so the
    // log lines are in request order.
    await server.waitForLines(/ GET \/sandbox\/flask\/ 200 /, shows);
    const answeredBy = server.lines
      .filter((line) => / (POST \/sandbox\/flask\/store|GET \/sandbox\/flask\/) /.test(line))
      .map((line) => ({ store: line.includes(' POST '), worker: line.match(/ worker (\d+) /)?.[1] }));
    expect(new Set(answeredBy.map((entry) => entry.worker))).toEqual(new Set(['1', '2']));
    let storedBy: string | undefined;
    let crossed = 0;
    for (const entry of answeredBy) {
      if (entry.store) storedBy = entry.worker;
      else if (entry.worker !== storedBy) crossed++;
    }
    expect(crossed).toBeGreaterThan(0);
  });

  it('starts another worker when one dies, and keeps serving', async () => {
    const [first] = descendantsOf(server.child.pid as number);
    process.kill(first as number, 'SIGKILL');
    expect(await server.waitForLine(/starting another/)).toMatch(
      /^Session Lab: worker \d+ stopped \(SIGKILL\); starting another\.$/,
    );
    await waitUntil(() => descendantsOf(server.child.pid as number).length === 2);
    await server.waitForLines(/^Session Lab: worker \d+ stopped/, 1);
    for (let i = 0; i < 6; i++) expect((await send(`${base}/healthz`)).status).toBe(200);
  });

  it('on SIGTERM the primary stops both workers and prints one line for all, exit 0', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.filter((line) => line.startsWith('Session Lab stopped'))).toEqual([
      'Session Lab stopped (SIGTERM): 0 requests in flight answered.',
    ]);
  });
});
