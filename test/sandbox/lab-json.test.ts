/**
 * Every lab experiment answers a script that asks for JSON with its own record, instead of the
 * redirect a form gets; the in-page lab reads that record (and its one-sentence explanation) to show
 * the result without a reload.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sandboxApp } from './app.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
/** The line of flask_app.py that stores the form value (the oversize experiment runs it too). */
const storeLine =
  readFileSync(new URL('../../sandbox/apps/flask_app.py', import.meta.url), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes("session['firstName'] = request.form['firstName']")) + 1;

/** Each experiment: its path, a valid form, the lab action its record names, its code lines and sentence. */
const experiments: Array<{
  path: string;
  form: Record<string, string>;
  labAction: string;
  codeLines: number[];
  summary: string;
}> = [
  {
    path: '/sandbox/flask/lab/tamper',
    form: { cookie: phill },
    labAction: 'tamper',
    codeLines: [],
    summary:
      'You edited the session cookie as a browser would hold it; the next request shows whether its signature still verifies.',
  },
  {
    path: '/sandbox/flask/lab/key',
    form: { secretKey: 'k' },
    labAction: 'set-key',
    codeLines: [],
    summary:
      'You changed the secret key: cookies signed with the old key stop verifying, unless it was kept as a fallback.',
  },
  {
    path: '/sandbox/flask/lab/key',
    form: { secretKey: 'k', mode: 'rotate' },
    labAction: 'rotate-key',
    codeLines: [],
    summary:
      'You rotated the secret key: new cookies are signed with the new key, and the old key is kept as a fallback so existing cookies still verify.',
  },
  {
    path: '/sandbox/flask/lab/resign',
    form: {},
    labAction: 'resign',
    codeLines: [],
    summary: 'You set session.modified = True, so the session was signed again with the current key.',
  },
  {
    path: '/sandbox/flask/lab/reset',
    form: {},
    labAction: 'reset',
    codeLines: [],
    summary: 'Your sandbox is back to the public demo key, with no fallback keys.',
  },
  {
    path: '/sandbox/flask/lab/forge',
    form: { json: '{"a": 1}' },
    labAction: 'forge',
    codeLines: [],
    summary:
      'You signed a session of your own with a key you know; the app accepts it whenever that key is the one in force.',
  },
  {
    path: '/sandbox/flask/lab/weak-key',
    form: {},
    labAction: 'weak-key',
    codeLines: [],
    summary:
      'Your sandbox now signs with a short common word instead of the demo key. Try to guess it from your cookie.',
  },
  {
    path: '/sandbox/flask/lab/oversize',
    form: {},
    labAction: 'oversize',
    codeLines: [storeLine],
    summary:
      'You stored a 5000-character value: the cookie passed the ~4 KB that browsers keep, so Werkzeug warned and browsers silently drop it, keeping the old cookie.',
  },
  {
    path: '/sandbox/express/lab/tamper',
    form: { cookie: 'e30=' },
    labAction: 'tamper',
    codeLines: [],
    summary:
      'You edited the session cookie; its session.sig no longer matches, so cookie-session will start an empty session.',
  },
];

describe('the lab asked for JSON', () => {
  it.each(experiments)('answers $path ($labAction) with its record, not a redirect', async (x) => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const res = await agent.post(x.path).set('Accept', 'application/json').type('form').send(x.form);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toEqual({
      ok: true,
      exchange: expect.objectContaining({
        action: 'lab',
        labAction: x.labAction,
        status: 200,
        codeLines: x.codeLines,
        summary: x.summary,
      }),
    });
  });

  it('signs an empty session with the weak key, so a learner without a session has a cookie to attack', async () => {
    const res = await request(sandboxApp())
      .post('/sandbox/flask/lab/weak-key')
      .set('Accept', 'application/json')
      .type('form');
    expect(res.body.exchange.summary).toBe(
      'Your sandbox now signs with a short common word, and your (empty) session was signed with it: guess the key from that cookie.',
    );
    const sessionCookies = res.body.exchange.setCookies.filter((h: string) => h.startsWith('session='));
    expect(sessionCookies).toHaveLength(1);
    expect(res.body.exchange.session.after).toEqual({});
  });

  it('shows the forged session as the session after, with no size warning for a small cookie', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const forged = await agent
      .post('/sandbox/flask/lab/forge')
      .set('Accept', 'application/json')
      .type('form')
      .send({ json: '{"t": {"$tuple": [1]}}' });
    expect(forged.body.exchange.session.after).toEqual({ t: { $tuple: [1] } });
    expect(forged.body.exchange).not.toHaveProperty('cookieWarning');
  });
});
