/**
 * No 5xx on any input: a bounded, seeded fuzz run of a few thousand requests against the whole
 * server (random methods, paths, cookies including zlib bombs and deeply nested sessions, forms,
 * headers). Rate limits answer 429 along the way; that is fine, a 5xx is not.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import {
  bombPayload,
  deeplyNested,
  demoKey,
  expressCookie,
  flaskCookie,
  signedBomb,
  unsignedBomb,
} from './hostile-cookies.ts';

const REQUESTS = 2000;
const CONCURRENCY = 8;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const now = Math.floor(Date.now() / 1000);
const valid = signSession({ firstName: 'Ada' }, { secretKey: demoKey, timestamp: now });

const paths = [
  '/',
  '/learn/',
  '/learn/what-is-a-session/',
  '/sandbox/',
  '/sandbox/flask/',
  '/sandbox/express/',
  '/sandbox/flask/store',
  '/sandbox/flask/store-second',
  '/sandbox/flask/clear',
  '/sandbox/flask/permanent',
  '/sandbox/express/store',
  '/sandbox/express/clear',
  '/sandbox/express/permanent',
  '/sandbox/flask/lab/tamper',
  '/sandbox/flask/lab/key',
  '/sandbox/flask/lab/resign',
  '/sandbox/flask/lab/reset',
  '/sandbox/flask/lab/forge',
  '/sandbox/flask/lab/weak-key',
  '/sandbox/flask/lab/oversize',
  '/sandbox/flask/lab/guess',
  '/sandbox/express/lab/tamper',
  '/sandbox/api/decode',
  '/sandbox/api/guess',
  '/healthz',
  '/_astro/nothing.js',
  '/no-such-page/',
];

const cookieValue = fc.oneof(
  fc.constant(valid),
  fc.constant(unsignedBomb()),
  fc.constant(signedBomb()),
  fc.constant(`${bombPayload().slice(0, 3000)}.ZVPxAA.${'A'.repeat(27)}`),
  fc.string({ maxLength: 200 }),
  fc.stringMatching(/^[\w.-]{0,300}$/),
  fc.constantFrom('.eJw.AA.AA', 'e30.AA.AA', '..', '.', 'eyJ9', '%00', 'a'.repeat(4000)),
  // Flask sessions nested up to past Python's recursion limit, signed with the demo key.
  fc.integer({ min: 1, max: 1100 }).map((depth) => flaskCookie(deeplyNested(depth))),
);

const cookieHeader = fc.oneof(
  cookieValue.map((value) => `session=${value}`),
  fc.integer({ min: 1, max: 6000 }).map((depth) => expressCookie(deeplyNested(depth))),
  fc.constant(expressCookie('{"firstName":{"__proto__":{"x":1}},"toString":1}')),
  fc.constant(expressCookie('[1,2,3]')),
  fc.constant(expressCookie('"just a string"')),
  fc
    .tuple(cookieValue, fc.string({ maxLength: 100 }))
    .map(([value, lab]) => `session=${value}; sandbox_lab=${lab}`),
  fc.string({ maxLength: 300 }),
  fc.constant(''),
);

const formBody = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom('firstName', 'favouriteColour', 'cookie', 'secretKey', 'mode', 'json', 'x'),
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.constantFrom(
          valid,
          '{"admin":true}',
          '{"$tuple":[1]}',
          `${'['.repeat(500)}${']'.repeat(500)}`,
          'rotate',
        ),
      ),
    )
    .map((fields) => new URLSearchParams(fields).toString()),
  fc.string({ maxLength: 300 }),
  fc.constant('a=1&'.repeat(30)),
);

const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
);

const request = fc.record({
  method: fc.constantFrom(
    ...['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'POST', 'POST'],
    ...['HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'],
  ),
  path: fc.oneof(
    { arbitrary: fc.constantFrom(...paths), weight: 8 },
    fc
      .constantFrom(...paths)
      .chain((path) =>
        fc
          .string({ maxLength: 40 })
          .map((query) => `${path}?${encodeURIComponent(query)}=${encodeURIComponent(query)}`),
      ),
    fc.constantFrom(...paths).map((path) => `${path}?trace=${'A'.repeat(50)}.${'B'.repeat(20)}`),
    fc.stringMatching(/^\/(sandbox\/)?[\w%./-]{0,60}$/),
  ),
  cookie: cookieHeader,
  body: formBody,
  contentType: fc.oneof(
    { arbitrary: fc.constant('application/x-www-form-urlencoded'), weight: 6 },
    contentType,
  ),
  accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
  fetchSite: fc.constantFrom(undefined, 'same-origin', 'cross-site', 'same-site', 'none'),
  origin: fc.constantFrom(undefined, undefined, 'null', 'https://evil.example', 'http://127.0.0.1'),
  forwarded: fc.constantFrom(undefined, 'https', 'http', 'gopher'),
});

describe('fuzz', () => {
  it(`${REQUESTS} random requests get no 5xx`, async () => {
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: 20261201 });
    const failures: string[] = [];
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < samples.length) {
        const sample = samples[next++] as (typeof samples)[number];
        const headers: Record<string, string> = {};
        // Headers must be valid Latin-1 without control characters; random text is made so.
        const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
        if (sample.cookie) headers.cookie = headerSafe(sample.cookie);
        if (sample.accept) headers.accept = sample.accept;
        if (sample.fetchSite) headers['sec-fetch-site'] = sample.fetchSite;
        if (sample.origin) headers.origin = sample.origin;
        if (sample.forwarded) headers['x-forwarded-proto'] = sample.forwarded;
        const hasBody = !['GET', 'HEAD'].includes(sample.method);
        if (hasBody) headers['content-type'] = sample.contentType;
        try {
          const res = await fetch(server.url + sample.path, {
            method: sample.method,
            headers,
            body: hasBody ? sample.body : undefined,
            redirect: 'manual',
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            failures.push(
              `${res.status} ${sample.method} ${sample.path} cookie=${headers.cookie?.slice(0, 80)}`,
            );
          }
        } catch (error) {
          // fetch refuses some URLs and headers itself; what reached the server is what counts
          if (!(error instanceof TypeError) || String((error as Error).cause ?? '').includes('ECONNRESET')) {
            failures.push(
              `${sample.method} ${sample.path}: ${String(error)} ${String((error as Error).cause)}`,
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures.slice(0, 20)).toEqual([]);
    // The run really exercised the server: successes, redirects, client errors and limits.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }, 240_000);
});
