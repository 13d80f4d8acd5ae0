/**
 * The sandbox against real Flask: sandbox/apps/flask_app.py runs under Flask's test client
 * (test/python/run_sandbox_app.py) for the same flow, and its Set-Cookie and Vary headers must match
 * ours byte for byte with the signing time frozen (Path and Expires dates aside). Cookies also cross
 * over: ours load in Flask, Flask's work in the sandbox. Skipped, with a notice, without python3-flask.
 */
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/exchange/exchange.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from './app.ts';

const python = '/usr/bin/python3';
const helper = new URL('../python/run_sandbox_app.py', import.meta.url).pathname;
const hasFlask = spawnSync(python, ['-c', 'import flask'], { encoding: 'utf8' }).status === 0;
if (!hasFlask) {
  console.warn(
    'NOTICE: real-Flask comparison tests skipped: `/usr/bin/python3 -c "import flask"` failed (apt-get install python3-flask).',
  );
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

/** Runs the steps under real Flask. */
function flask(spec: { now?: number; cookie?: string; steps: Step[] }): Answer[] {
  const run = spawnSync(python, [helper, JSON.stringify(spec)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`run_sandbox_app.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

/** The same steps against the sandbox's Flask engine. */
async function sandbox(now: number, steps: Step[]): Promise<Answer[]> {
  const agent = request.agent(sandboxApp({ now: () => now }));
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
    });
  }
  return out;
}

/** Path and Expires dates aside. */
const normalise = (header: string) =>
  header
    .replace(/; Path=[^;]*/, '; Path=<app root>')
    .replace(/Expires=(?!Thu, 01 Jan 1970)[^;]+/, 'Expires=<date>');

const flow: Step[] = [
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: { firstName: 'Phill' } },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store-second', form: { favouriteColour: 'teal ✓ <b>' } },
  { method: 'POST', path: '/permanent' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/clear' },
  { method: 'GET', path: '/' },
  { method: 'POST', path: '/store', form: {} },
];

describe.skipIf(!hasFlask)('compared with real Flask', () => {
  it('sends the same Set-Cookie and Vary headers for the whole flow', async () => {
    // Close to the real time, so the test client's and agent's cookie jars keep permanent cookies.
    const now = Math.floor(Date.now() / 1000);
    const real = flask({ now, steps: flow });
    const ours = await sandbox(now, flow);
    expect(ours.map((a) => a.status)).toEqual(real.map((a) => a.status));
    expect(ours.map((a) => a.setCookie.map(normalise))).toEqual(real.map((a) => a.setCookie.map(normalise)));
    expect(ours.map((a) => a.vary)).toEqual(real.map((a) => a.vary));
    expect(ours.map((a) => a.location?.split('?')[0] ?? null)).toEqual(
      real.map((a) => (a.location === null ? null : `/sandbox/flask${a.location}`)),
    );
    // Something was compared: cookies were set and deleted along the way.
    expect(real.flatMap((a) => a.setCookie).length).toBeGreaterThanOrEqual(5);
  }, 20_000);

  it('a cookie the sandbox set loads in real Flask with the demo key', async () => {
    const agent = request.agent(sandboxApp());
    const res = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Ada ✓' });
    const cookie = (res.headers['set-cookie'][0] as string).split(';')[0]?.slice('session='.length) as string;
    const [page] = flask({ cookie, steps: [{ method: 'GET', path: '/' }] });
    expect(page?.body).toContain('First Name: Ada ✓<br>');
  });

  it('a cookie real Flask signed works in the sandbox', async () => {
    const [, stored] = flask({
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
