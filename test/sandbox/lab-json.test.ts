/**
 * Every lab experiment answers a script that asks for JSON with its own record, instead of the
 * redirect a form gets; the in-page lab reads that record to show the result without a reload.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { storeLines } from '../../sandbox/apps/app-source.ts';
import { sandboxApp } from './app.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';

/** Each experiment: its path, a valid form, the lab action its record names and the code lines it ran. */
const experiments: Array<{
  path: string;
  form: Record<string, string>;
  labAction: string;
  codeLines: number[];
}> = [
  { path: '/sandbox/flask/lab/tamper', form: { cookie: phill }, labAction: 'tamper', codeLines: [] },
  { path: '/sandbox/flask/lab/key', form: { secretKey: 'k' }, labAction: 'set-key', codeLines: [] },
  {
    path: '/sandbox/flask/lab/key',
    form: { secretKey: 'k', mode: 'rotate' },
    labAction: 'rotate-key',
    codeLines: [],
  },
  { path: '/sandbox/flask/lab/resign', form: {}, labAction: 'resign', codeLines: [] },
  { path: '/sandbox/flask/lab/reset', form: {}, labAction: 'reset', codeLines: [] },
  { path: '/sandbox/flask/lab/forge', form: { json: '{"a": 1}' }, labAction: 'forge', codeLines: [] },
  { path: '/sandbox/flask/lab/weak-key', form: {}, labAction: 'weak-key', codeLines: [] },
  { path: '/sandbox/flask/lab/oversize', form: {}, labAction: 'oversize', codeLines: storeLines() },
  { path: '/sandbox/express/lab/tamper', form: { cookie: 'e30=' }, labAction: 'tamper', codeLines: [] },
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
        summary: expect.any(String),
      }),
    });
  });
});
