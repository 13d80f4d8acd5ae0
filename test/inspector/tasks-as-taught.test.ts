/**
 * Each step's task, done exactly as its lesson's instructions say, against the real sandbox over
 * HTTP: the records the pages embed are what the inspector judges, so a learner who follows the
 * text sees the task ticked.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { completedTasks } from '../../src/lib/inspector/tasks.ts';
import type { Exchange } from '../../src/lib/inspector/types.ts';
import { embeddedExchanges, sandboxApp } from '../sandbox/app.ts';

type Agent = ReturnType<typeof request.agent>;

/** A learner's browser: every page it opens adds its embedded records to the timeline. */
function learner() {
  const agent = request.agent(sandboxApp());
  const timeline: Exchange[] = [];
  const seen = new Set<string>();
  const open = async (url: string) => {
    const res = await agent.get(url);
    expect(res.status).toBe(200);
    for (const record of embeddedExchanges(res.text) as unknown as Exchange[]) {
      if (!seen.has(record.id)) timeline.push(record);
      seen.add(record.id);
    }
  };
  const post = async (url: string, form: Record<string, string> = {}) => {
    const res = await agent.post(url).type('form').send(form);
    expect(res.status).toBe(302);
    await open(res.headers.location as string);
    return res;
  };
  return { agent: agent as Agent, timeline, open, post };
}

const sessionCookieOf = (res: { headers: Record<string, unknown> }) =>
  (res.headers['set-cookie'] as string[])
    .find((line) => line.startsWith('session='))
    ?.split(';')[0]
    ?.slice('session='.length) as string;

describe('tasks done as the lessons say', () => {
  it('step 11: store, Start over, send the older cookie again: the replay task is done', async () => {
    const { timeline, open, post } = learner();
    await open('/sandbox/flask/?embed=1');
    const stored = await post('/sandbox/flask/store', { firstName: 'Ada' });
    await post('/sandbox/flask/clear');
    expect(completedTasks(timeline)).not.toContain('replay-old-cookie');
    await post('/sandbox/flask/lab/replay', { cookie: sessionCookieOf(stored) });
    expect(completedTasks(timeline)).toContain('replay-old-cookie');
  });

  it('step 11: a replay is not counted when no cookie was ever replaced or deleted', async () => {
    const { timeline, open, post } = learner();
    await open('/sandbox/flask/?embed=1');
    const stored = await post('/sandbox/flask/store', { firstName: 'Ada' });
    await post('/sandbox/flask/lab/replay', { cookie: sessionCookieOf(stored) });
    expect(completedTasks(timeline)).not.toContain('replay-old-cookie');
  });
});

describe('the record of a POST says where the browser says it came from', () => {
  it('keeps Sec-Fetch-Site as sent, so step 12 can show it', async () => {
    const agent = request.agent(sandboxApp());
    const stored = await agent
      .post('/sandbox/flask/store')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ firstName: 'Ada' });
    const page = await agent.get(stored.headers.location as string);
    const [post] = embeddedExchanges(page.text) as unknown as Exchange[];
    expect(post).toMatchObject({ method: 'POST', action: 'store', fetchSite: 'same-origin' });
    expect((embeddedExchanges(page.text)[1] as unknown as Exchange).fetchSite).toBeUndefined();
  });
});
