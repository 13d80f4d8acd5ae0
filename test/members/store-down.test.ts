/**
 * The server-side engine on a real Redis (Debian's redis-server on a free 127.0.0.1 port), stopped
 * mid-run: its page says the store is unreachable and answers without a 5xx, the Flask and Express
 * engines keep working, and once Redis is back the engine works again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '../helpers/redis.ts';
import { sandboxApp } from '../sandbox/app.ts';

let redis: RunningRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('server-side sessions in Redis', () => {
  it('work, survive Redis going down without a 5xx, and recover when it is back', async () => {
    const app = sandboxApp({ config: { redisUrl: redis.url } });
    const agent = request.agent(app);
    const login = await agent
      .post('/sandbox/server-side/login')
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    expect(login.status).toBe(302);
    const members = await agent.get('/sandbox/server-side/members');
    expect(members.status).toBe(200);
    expect(members.text).toContain('Logged in as <strong>ada</strong>');
    expect(members.text).toContain('What the server keeps (Redis)');

    await redis.stop();
    for (const [method, path] of [
      ['get', '/sandbox/server-side/'],
      ['get', '/sandbox/server-side/members'],
      ['post', '/sandbox/server-side/store'],
      ['post', '/sandbox/server-side/logout'],
    ] as const) {
      const res =
        method === 'get'
          ? await agent.get(path)
          : await agent.post(path).type('form').send({ firstName: 'X' });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      if (method === 'get') expect(res.text).toContain('The session store is unreachable right now');
    }
    const flask = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Still works' });
    expect(flask.status).toBe(302);
    expect((await agent.get('/sandbox/flask/')).text).toContain('First Name: Still works');
    expect((await agent.get('/sandbox/express/')).status).toBe(200);

    await redis.start();
    // An empty Redis again (no persistence): the old id opens nothing, a new login works once the
    // client has reconnected (it retries at least every second).
    let page = await agent.get('/sandbox/server-side/members');
    for (let i = 0; i < 20 && page.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await agent
        .post('/sandbox/server-side/login')
        .type('form')
        .send({ username: 'grace', password: 'hopper' });
      page = await agent.get('/sandbox/server-side/members');
    }
    expect(page.status).toBe(200);
    expect(page.text).toContain('Logged in as <strong>grace</strong>');
    expect(page.text).not.toContain('unreachable');
  }, 30_000);

  it('a store that cannot be opened is unreachable too: the page says so, no 5xx', async () => {
    // A data folder below a plain file can never be created.
    const file = join(mkdtempSync(join(tmpdir(), 'session-lab-')), 'a-file');
    writeFileSync(file, '');
    const app = sandboxApp({ config: { dataDir: join(file, 'sessions') } });
    const res = await request(app)
      .get('/sandbox/server-side/')
      .set('Cookie', 'session=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    expect(res.status).toBe(200);
    expect(res.text).toContain('The session store is unreachable right now');
  });
});
