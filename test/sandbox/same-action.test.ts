/**
 * POST /sandbox/api/same-action over real HTTP: the server's Flask engine replays a request real
 * Flask answered and must send real Flask's Set-Cookie byte for byte (CPython Flask 3.1 running
 * sandbox/apps/flask_app.py with its signing time frozen, and the recorded Pyodide answers); it
 * signs with the handout's demo key only, even when the instructor configured another sandbox key;
 * it bounds the signing time, refuses what is not a handout route or not JSON with a 4xx JSON, is
 * rate-limited with the lab, and never sets a cookie.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { handoutKey, replayHandoutRequest } from '../../sandbox/apps/same-action.ts';
import { SAME_ACTION_PATH, SAME_ACTION_ROUTES } from '../../sandbox/contract/same-action.ts';
import { loadSession } from '../../sandbox/flask-session/index.ts';
import { createSandboxRouter, sandboxConfigOf } from '../../sandbox/router.ts';
import { publicDemoKey } from '../../server/config.ts';
import { sandboxApp, setCookiesOf, testConfig } from './app.ts';

const helper = new URL('../python/run_sandbox_app.py', import.meta.url).pathname;
const python = process.env.FLASK_PYTHON || 'python3';
const recorded: {
  request: { method: string; path: string; body: string; cookie: string | null };
  response: { headers: [string, string][] };
}[] = JSON.parse(readFileSync(new URL('../fixtures/browser-flask-exchanges.json', import.meta.url), 'utf8'));
const recordedSecond = 1796637600;

interface Step {
  method: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
}
interface FlaskAnswer {
  status: number;
  setCookie: string[];
}

/** Real CPython Flask on flask_app.py, signing at `now`; each step with the Cookie it was sent. */
function realFlask(now: number, steps: Step[]): { cookie: string | null; answer: FlaskAnswer }[] {
  const run = spawnSync(python, [helper, JSON.stringify({ now, steps })], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`run_sandbox_app.py failed:\n${run.stderr}`);
  const answers = JSON.parse(run.stdout) as FlaskAnswer[];
  // The helper's jar, kept the same way, gives the Cookie header each step was sent.
  let held: string | null = null;
  return answers.map((answer) => {
    const cookie = held === null ? null : `session=${held}`;
    for (const header of answer.setCookie) {
      const value = /^session=([^;]*)/.exec(header)?.[1];
      if (value === undefined) continue;
      held = value === '' || /Max-Age=0/.test(header) ? null : value;
    }
    return { cookie, answer };
  });
}

/** Asks the endpoint of `app` for one step. */
const ask = (app: express.Express, body: unknown) =>
  request(app)
    .post(SAME_ACTION_PATH)
    .set('Accept', 'application/json')
    .send(body as object);

/** A permanent cookie's Expires is dated from the real clock in Flask, from the signing time here. */
const datesAside = (header: string) => header.replace(/Expires=(?!Thu, 01 Jan 1970)[^;]+/, 'Expires=<date>');

const flow: Step[] = [
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: { firstName: 'Ada' } },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/flash', form: { firstName: 'Phill ✓ <b>' } },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store-second', form: { favouriteColour: 'teal' } },
  { method: 'POST', path: '/permanent' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: {} },
  { method: 'POST', path: '/login', form: { username: 'ada', password: 'not-it' } },
  { method: 'POST', path: '/login', form: { username: 'ada', password: 'lovelace' } },
  { method: 'GET', path: '/members' },
  { method: 'POST', path: '/logout' },
  { method: 'GET', path: '/members' },
  { method: 'POST', path: '/flash', form: { firstName: 'Only this' } },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/clear' },
];

describe('the same action in the server engine: the same bytes as real Flask', () => {
  it("Store, with the handout's demo key at a given second: CPython Flask's exact Set-Cookie", async () => {
    const second = Math.floor(Date.now() / 1000);
    const [store] = realFlask(second, [{ method: 'POST', path: '/store', form: { firstName: 'Ada' } }]);
    const res = await ask(sandboxApp({ now: () => second + 2 }), {
      method: 'POST',
      path: '/store',
      form: [['firstName', 'Ada']],
      cookie: null,
      signedAt: second,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 302,
      setCookies: store?.answer.setCookie,
      signedAt: second,
      signedWith: 'handout-demo-key',
    });
    expect(res.body.setCookies[0]).toMatch(
      /^session=eyJmaXJzdE5hbWUiOiJBZGEifQ\.[\w-]+\.[\w-]+; HttpOnly; Path=\/$/,
    );
  });

  it('every step of a flow (flash, permanent, a missing field, login, members, clear): the same Set-Cookie', async () => {
    const second = Math.floor(Date.now() / 1000);
    const app = sandboxApp({ now: () => second });
    for (const [i, { cookie, answer }] of realFlask(second, flow).entries()) {
      const step = flow[i] as Step;
      const res = await ask(app, {
        method: step.method,
        path: step.path,
        form: Object.entries(step.form ?? {}),
        cookie,
        signedAt: second,
      });
      const what = `step ${i}: ${step.method} ${step.path}`;
      expect(res.status, what).toBe(200);
      expect(res.body.status, what).toBe(answer.status);
      expect(res.body.setCookies.map(datesAside), what).toEqual(answer.setCookie.map(datesAside));
    }
  });

  it('the recorded answers of real Flask 3.1.3 in the browser (Pyodide): the same bytes', async () => {
    const app = sandboxApp({ now: () => recordedSecond });
    for (const [i, { request: sent, response }] of recorded.entries()) {
      const res = await ask(app, {
        method: sent.method,
        path: sent.path,
        form: [...new URLSearchParams(sent.body)],
        cookie: sent.cookie,
        signedAt: recordedSecond,
      });
      const flaskSetCookies = response.headers.filter(([k]) => k === 'Set-Cookie').map(([, v]) => v);
      expect(res.body.setCookies.map(datesAside), `recorded step ${i}`).toEqual(
        flaskSetCookies.map(datesAside),
      );
    }
  });
});

describe('the same action signs with the handout key only', () => {
  const instructorKey = 'the-instructors-own-sandbox-secret-4f9c1e';
  const instructorApp = () =>
    sandboxApp({ config: { sandboxSecretKey: instructorKey, sandboxKeyIsPublicDemo: false } });

  it("a server configured with another sandbox key still answers with the demo key's signature", async () => {
    const app = instructorApp();
    // The sandbox app itself signs with the instructor's key…
    const own = await request(app).post('/sandbox/flask/store').type('form').send({ firstName: 'Ada' });
    const ownValue = /^session=([^;]+)/.exec(setCookiesOf(own)[0] ?? '')?.[1] as string;
    expect(loadSession(ownValue, { secretKey: instructorKey })).toEqual({ firstName: 'Ada' });
    // …the same action answers with the handout's key, never the instructor's.
    const second = Math.floor(Date.now() / 1000);
    const res = await ask(app, {
      method: 'POST',
      path: '/store',
      form: [['firstName', 'Ada']],
      signedAt: second,
    });
    expect(res.status).toBe(200);
    const value = /^session=([^;]+)/.exec(res.body.setCookies[0])?.[1] as string;
    expect(handoutKey).toBe(publicDemoKey);
    expect(loadSession(value, { secretKey: publicDemoKey })).toEqual({ firstName: 'Ada' });
    expect(() => loadSession(value, { secretKey: instructorKey })).toThrow();
  });

  it("a cookie signed with the instructor's key opens as an empty session (no oracle for their secret)", async () => {
    const app = instructorApp();
    const own = await request(app).post('/sandbox/flask/store').type('form').send({ firstName: 'Secret' });
    const ownValue = /^session=([^;]+)/.exec(setCookiesOf(own)[0] ?? '')?.[1] as string;
    const res = await ask(app, {
      method: 'POST',
      path: '/permanent',
      cookie: `session=${ownValue}`,
      signedAt: Math.floor(Date.now() / 1000),
    });
    const value = /^session=([^;]+)/.exec(res.body.setCookies[0])?.[1] as string;
    expect(loadSession(value, { secretKey: publicDemoKey })).toEqual({ _permanent: true });
  });
});

describe('the same action refuses with a clear 4xx JSON, and writes nothing', () => {
  const second = 1_800_000_000;
  const app = sandboxApp({ now: () => second + 0.7 });
  const store = { method: 'POST', path: '/store', form: [['firstName', 'Ada']], cookie: null };

  it('a signing time more than 300 s from the server clock: 400, nothing signed', async () => {
    for (const signedAt of [second - 301, second + 301, 0, -1, 253402300799, Number.MAX_SAFE_INTEGER]) {
      const res = await ask(app, { ...store, signedAt });
      expect(res.status, String(signedAt)).toBe(400);
      expect(res.body.error).toMatch(
        /^The signing time \(.+\) is \d+ seconds (ahead of|behind) the server's clock; the server signs only within 300 seconds of it/,
      );
      expect(res.body.error).toContain('Nothing was signed.');
    }
    expect((await ask(app, { ...store, signedAt: 1_000_000_000 })).body.error).toContain(
      'The signing time (2001-09-09 01:46:40 UTC) is 800000000 seconds behind',
    );
    expect((await ask(app, { ...store, signedAt: second - 300 })).status).toBe(200);
    expect((await ask(app, { ...store, signedAt: second + 300 })).status).toBe(200);
  });

  it('bad input of every kind: a 4xx JSON that says what is wrong, never a 5xx', async () => {
    const cases: [string, request.Test, number, RegExp][] = [
      [
        'bad JSON',
        request(app).post(SAME_ACTION_PATH).set('Content-Type', 'application/json').send('{"method": '),
        400,
        /not valid JSON/,
      ],
      [
        'a form body',
        request(app).post(SAME_ACTION_PATH).type('form').send({ method: 'POST' }),
        400,
        /Send a JSON object/,
      ],
      ['a JSON list', ask(app, [1, 2]), 400, /Send a JSON object/],
      [
        'an unknown route',
        ask(app, { ...store, path: '/admin', signedAt: second }),
        400,
        /Only the handout's routes/,
      ],
      [
        'a GET of a POST route',
        ask(app, { ...store, method: 'GET', signedAt: second }),
        400,
        /Only the handout's routes/,
      ],
      ['no signedAt', ask(app, store), 400, /whole Unix seconds/],
      ['a fractional signedAt', ask(app, { ...store, signedAt: second + 0.5 }), 400, /whole Unix seconds/],
      [
        'a form of objects',
        ask(app, { ...store, form: { firstName: 'Ada' }, signedAt: second }),
        400,
        /\[name, value\] pairs/,
      ],
      ['a cookie number', ask(app, { ...store, cookie: 7, signedAt: second }), 400, /Cookie header as text/],
      ['a path number', ask(app, { ...store, path: 7, signedAt: second }), 400, /must be text/],
      [
        'a too long field',
        ask(app, { ...store, form: [['firstName', 'x'.repeat(6001)]], signedAt: second }),
        413,
        /too long/,
      ],
      [
        'a body over the limit (16 KB)',
        ask(app, { ...store, form: [['firstName', 'x'.repeat(17 * 1024)]], signedAt: second }),
        413,
        /larger than the sandbox accepts/,
      ],
    ];
    for (const [what, sent, status, message] of cases) {
      const res = await sent;
      expect(res.status, what).toBe(status);
      expect(res.type, what).toBe('application/json');
      expect(res.body.error, what).toMatch(message);
      expect(setCookiesOf(res), what).toEqual([]);
    }
  });

  it('a bad cookie, a tampered one, a missing field: an answer as Flask gives, never a 5xx', async () => {
    for (const cookie of [
      'session=garbage',
      'session=eyJ4IjoxfQ.AAAA.AAAA',
      'session=.eJz_____.a.b',
      'a=b; session=',
    ]) {
      const res = await ask(app, { method: 'GET', path: '/', cookie, signedAt: second });
      expect(res.status, cookie).toBe(200);
      expect(res.body.setCookies, cookie).toEqual([]);
    }
    const missing = await ask(app, { method: 'POST', path: '/store', form: [], signedAt: second });
    expect(missing.body).toMatchObject({ status: 400, setCookies: [] });
  });

  it("answers never set a cookie, ignore the learner's own sandbox cookie and are not cached", async () => {
    const learner = request.agent(app);
    await learner.post('/sandbox/flask/store').type('form').send({ firstName: 'Kept' });
    const res = await learner
      .post(SAME_ACTION_PATH)
      .set('Accept', 'application/json')
      .set('Cookie', 'session=ignored-by-the-proof')
      .send({ method: 'GET', path: '/', signedAt: second });
    expect(res.status).toBe(200);
    expect(setCookiesOf(res)).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.setCookies).toEqual([]);
  });

  it('a cross-site request is refused before anything runs', async () => {
    const res = await ask(app, { ...store, signedAt: second }).set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
  });

  it("the lab's rate limit applies: past it, a 429 JSON", async () => {
    const limited = express();
    limited.use(
      '/sandbox',
      createSandboxRouter(sandboxConfigOf(testConfig()), {
        now: () => second,
        rateLimits: { lab: { limit: 2, windowMs: 60_000 } },
      }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(limited, { ...store, signedAt: second })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await ask(limited, { ...store, signedAt: second });
    expect(refused.body.error).toMatch(/Too many lab experiments/);
  });

  it("the page's list of routes is the engine's", () => {
    for (const route of SAME_ACTION_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      expect(() => replayHandoutRequest({ method, path, signedAt: second, form: [] }), route).not.toThrow(
        /Only the handout's routes/,
      );
    }
    expect(() => replayHandoutRequest({ method: 'POST', path: '/nope', signedAt: second })).toThrow(
      /GET \/, GET \/members, POST \/login, POST \/store, POST \/store-second, POST \/flash, POST \/clear, POST \/permanent, POST \/logout\./,
    );
  });
});
