/**
 * The sandbox against real Flask, in both versions it can behave as: sandbox/apps/flask_app.py runs
 * under Flask's test client (test/python/run_sandbox_app.py) for the same flow — store, flash and
 * read the flashed message, permanent, clear — and its Set-Cookie and Vary headers must match ours
 * header by header, byte for byte, with the signing time frozen (Path and Expires dates aside).
 * Flask 3.1 is this machine's `python3`, Flask 2.2 Debian's `/usr/bin/python3`; the sandbox is
 * switched to 2.2 through the learner's own lab setting. Cookies also cross over: ours load in Flask,
 * Flask's work in the sandbox. A Flask that is missing is skipped, with a notice.
 */
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { type FlaskVersion, loadSession } from '../../sandbox/flask-session/index.ts';
import { PyTuple } from '../../sandbox/flask-session/values.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from './app.ts';

const helper = new URL('../python/run_sandbox_app.py', import.meta.url).pathname;
const pythons: Record<FlaskVersion, string> = { '3.1': 'python3', '2.2': '/usr/bin/python3' };
const demoKey = 'w98fw9ef8hwe98fhwef';

/** The Flask version a python has, or undefined without Flask. */
function flaskVersionOf(python: string): string | undefined {
  const run = spawnSync(python, ['-c', 'import importlib.metadata as m; print(m.version("flask"))'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

interface Step {
  method: 'GET' | 'POST';
  path: string;
  form?: Record<string, string>;
}
interface Answer {
  status: number;
  setCookie: string[];
  vary: string | null;
  location: string | null;
  body?: string;
}
interface Spec {
  now?: number;
  cookie?: string;
  config?: Record<string, unknown>;
  steps: Step[];
}

/** Runs the steps under real Flask. */
function flask(version: FlaskVersion, spec: Spec): Answer[] {
  const run = spawnSync(pythons[version], [helper, JSON.stringify(spec)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`run_sandbox_app.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

type Agent = ReturnType<typeof request.agent>;

/** A learner whose sandbox behaves as `version` (their lab setting; 3.1 is the default). */
async function learnerOn(version: FlaskVersion, now?: number): Promise<Agent> {
  const agent = request.agent(sandboxApp(now === undefined ? {} : { now: () => now }));
  if (version !== '3.1') {
    const res = await agent.post('/sandbox/flask/lab/flask-version').type('form').send({ version });
    expect(res.status).toBe(302);
  }
  return agent;
}

/** The same steps against the sandbox's Flask engine. */
async function sandbox(version: FlaskVersion, now: number, steps: Step[]): Promise<Answer[]> {
  const agent = await learnerOn(version, now);
  const out: Answer[] = [];
  for (const step of steps) {
    const path = `/sandbox/flask${step.path}`;
    const res =
      step.method === 'GET'
        ? await agent.get(path)
        : await agent
            .post(path)
            .type('form')
            .send(step.form ?? {});
    out.push({
      status: res.status,
      setCookie: setCookiesOf(res),
      vary: res.headers.vary ?? null,
      location: res.headers.location ?? null,
      body: res.text,
    });
  }
  return out;
}

/** Path and Expires dates aside. */
const normalise = (header: string) =>
  header
    .replace(/; Path=[^;]*/, '; Path=<app root>')
    .replace(/Expires=(?!Thu, 01 Jan 1970)[^;]+/, 'Expires=<date>');

const flashedName = 'Phill ✓ <b>';
const flashed = `Saved ${flashedName}`;
const flow: Step[] = [
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: { firstName: 'Phill' } },
  { method: 'GET', path: '/' },
  // flash() adds _flashes to the cookie; the next page shows and removes it; the one after sends nothing.
  { method: 'POST', path: '/flash', form: { firstName: flashedName } },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store-second', form: { favouriteColour: 'teal ✓ <b>' } },
  { method: 'POST', path: '/permanent' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/clear' },
  { method: 'GET', path: '/' },
  // A flash into an empty session: reading it empties the session, so the cookie is deleted.
  { method: 'POST', path: '/flash', form: { firstName: 'Only this' } },
  { method: 'POST', path: '/flash', form: { firstName: 'and this' } },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: {} },
  { method: 'POST', path: '/flash', form: {} },
];

/** Step 8's members' app: a refused page, a wrong password, a login over an old session, a logout. */
const loginFlow: Step[] = [
  { method: 'GET', path: '/members' },
  { method: 'POST', path: '/store', form: { firstName: 'Planted' } },
  { method: 'POST', path: '/login', form: { username: 'ada', password: 'not-it' } },
  { method: 'POST', path: '/login', form: { username: 'nobody', password: '' } },
  { method: 'POST', path: '/login', form: { username: 'ada', password: 'lovelace' } },
  { method: 'GET', path: '/members' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/permanent' },
  { method: 'POST', path: '/logout' },
  { method: 'GET', path: '/members' },
  { method: 'POST', path: '/login', form: { username: 'grace' } },
  { method: 'POST', path: '/flash', form: { firstName: 'Grace' } },
  { method: 'POST', path: '/login', form: { username: 'grace', password: 'hopper' } },
  { method: 'GET', path: '/' },
];

/** The value of the session cookie a Set-Cookie list sets. */
const sessionValue = (headers: string[]) =>
  (headers.find((h) => h.startsWith('session=')) ?? '').split(';')[0]?.slice('session='.length) ?? '';

for (const version of ['3.1', '2.2'] as const) {
  const installed = flaskVersionOf(pythons[version]);
  const found = installed?.startsWith(`${version}.`) === true;
  if (!found) {
    console.warn(
      `NOTICE: real-Flask ${version} comparison tests skipped: ${pythons[version]} has Flask ${installed ?? 'not installed'}.`,
    );
  }

  describe.skipIf(!found)(`compared with real Flask ${version}`, () => {
    it('sends the same Set-Cookie and Vary headers, header by header, for the whole flow with flashing', async () => {
      // Close to the real time, so the test client's and agent's cookie jars keep permanent cookies.
      const now = Math.floor(Date.now() / 1000);
      const real = flask(version, { now, steps: flow });
      const ours = await sandbox(version, now, flow);
      expect(ours.map((a) => a.status)).toEqual(real.map((a) => a.status));
      for (const [i, answer] of real.entries()) {
        const step = `step ${i}: ${flow[i]?.method} ${flow[i]?.path}`;
        expect(ours[i]?.setCookie.map(normalise), step).toEqual(answer.setCookie.map(normalise));
        expect(ours[i]?.vary, step).toEqual(answer.vary);
      }
      expect(ours.map((a) => a.location?.split('?')[0] ?? null)).toEqual(
        real.map((a) => (a.location === null ? null : `/sandbox/flask${a.location}`)),
      );
      // Something was compared: cookies were set and deleted along the way.
      expect(real.flatMap((a) => a.setCookie).length).toBeGreaterThanOrEqual(9);
    }, 20_000);

    it("the members' app: the same status, Set-Cookie, Vary and Location for login, members and logout", async () => {
      const now = Math.floor(Date.now() / 1000);
      const real = flask(version, { now, steps: loginFlow });
      const ours = await sandbox(version, now, loginFlow);
      expect(ours.map((a) => a.status)).toEqual(real.map((a) => a.status));
      expect(real.map((a) => a.status)).toEqual([
        401, 302, 401, 401, 302, 200, 200, 302, 302, 401, 400, 302, 302, 200,
      ]);
      for (const [i, answer] of real.entries()) {
        const step = `step ${i}: ${loginFlow[i]?.method} ${loginFlow[i]?.path}`;
        expect(ours[i]?.setCookie.map(normalise), step).toEqual(answer.setCookie.map(normalise));
        expect(ours[i]?.vary, step).toEqual(answer.vary);
      }
      expect(ours.map((a) => a.location?.split('?')[0] ?? null)).toEqual(
        real.map((a) => (a.location === null ? null : `/sandbox/flask${a.location}`)),
      );
      // The login cleared the planted first name; both pages say who is logged in.
      expect(loadSession(sessionValue(real[4]?.setCookie ?? []), { secretKey: demoKey })).toEqual({
        user_id: 'ada',
      });
      expect(real[5]?.body).toContain('Logged in as ada.');
      expect(ours[5]?.body).toContain('Logged in as <strong>ada</strong>');
      expect(real[2]?.body).toContain('Wrong username or password.');
      expect(ours[2]?.body).toContain('Wrong username or password.');
      expect(real[13]?.body).toContain('Logged in as grace.');
    }, 20_000);

    it('flashing: _flashes is a list of (category, message) tuples in the cookie, shown once, then gone', async () => {
      const now = Math.floor(Date.now() / 1000);
      const steps = flow.slice(0, 6);
      const real = flask(version, { now, steps });
      const ours = await sandbox(version, now, steps);
      const flashCookie = sessionValue(ours[3]?.setCookie ?? []);
      expect(flashCookie).toBe(sessionValue(real[3]?.setCookie ?? []));
      expect(loadSession(flashCookie, { secretKey: demoKey })).toEqual({
        _flashes: [new PyTuple(['message', flashed])],
        firstName: flashedName,
      });
      // The page after the flash shows it (escaped) in both, and its cookie no longer holds it.
      expect(real[4]?.body).toContain('<li>Saved Phill ✓ &lt;b&gt;</li>');
      expect(ours[4]?.body).toContain('<li>Saved Phill ✓ &lt;b&gt;</li>');
      const after = loadSession(sessionValue(ours[4]?.setCookie ?? []), { secretKey: demoKey });
      expect(after).toEqual({ firstName: flashedName });
      expect(real[5]?.body).not.toContain('<li>');
      expect(ours[5]?.body).not.toContain('<li>Saved');
    }, 20_000);

    it(`fallback keys: ${version === '3.1' ? 'honoured' : 'silently ignored'}, as in real Flask ${version}`, async () => {
      const agent = await learnerOn(version);
      const stored = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Ada' });
      const cookie = sessionValue(setCookiesOf(stored));
      const [page] = flask(version, {
        cookie,
        config: { SECRET_KEY: 'a-new-key', SECRET_KEY_FALLBACKS: [demoKey] },
        steps: [{ method: 'GET', path: '/' }],
      });
      await agent
        .post('/sandbox/flask/lab/key')
        .type('form')
        .send({ secretKey: 'a-new-key', mode: 'rotate' });
      const ours = await agent.get('/sandbox/flask/');
      const honoured = version === '3.1';
      expect(page?.body?.includes('First Name: Ada<br>')).toBe(honoured);
      expect(ours.text.includes('First Name: Ada<br>')).toBe(honoured);
      const [record] = embeddedExchanges(ours.text) as unknown as Exchange[];
      expect(record?.session.status).toBe(honoured ? 'valid' : 'bad-signature');
    });

    it('a cookie the sandbox set loads in real Flask with the demo key', async () => {
      const agent = await learnerOn(version);
      const res = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Ada ✓' });
      const [page] = flask(version, {
        cookie: sessionValue(setCookiesOf(res)),
        steps: [{ method: 'GET', path: '/' }],
      });
      expect(page?.body).toContain('First Name: Ada ✓<br>');
    });

    it('a cookie real Flask signed works in the sandbox', async () => {
      const [, stored] = flask(version, {
        steps: [
          { method: 'POST', path: '/permanent' },
          { method: 'POST', path: '/store', form: { firstName: 'Grace' } },
        ],
      });
      const cookie = (stored?.setCookie[0] ?? '').split(';')[0] as string;
      const res = await request(sandboxApp()).get('/sandbox/flask/').set('Cookie', cookie);
      expect(res.text).toContain('First Name: Grace<br>');
      const [record] = embeddedExchanges(res.text) as unknown as Exchange[];
      expect(record?.session).toMatchObject({
        status: 'valid',
        before: { _permanent: true, firstName: 'Grace' },
      });
    });
  });
}
