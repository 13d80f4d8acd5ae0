/**
 * The server-side engine's save decisions and its store being unreachable, over real HTTP, in-process
 * (no redis-server): a SQLite folder that cannot be created, and a real Redis client pointed at a port
 * nothing listens on (the store opens, and every call fails as with Redis down).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { type LazyStore, lazyStore } from '../../sandbox/apps/store-source.ts';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { freePort } from '../helpers/redis.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from '../sandbox/app.ts';

const base = '/sandbox/server-side';
const downMessage = 'The session store is unreachable right now';
/** Shaped like a session id, but no store has a row for it. */
const unknownId = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const recordsOf = (html: string) => embeddedExchanges(html) as unknown as Exchange[];
const sessionSet = (res: { headers: Record<string, unknown> }) =>
  setCookiesOf(res)
    .find((h) => h.startsWith('session='))
    ?.split(';')[0]
    ?.slice('session='.length);

/** A data folder below a plain file: it cannot be created until the file is removed. */
function blockedDataDir(): { dataDir: string; unblock: () => void } {
  const file = join(mkdtempSync(join(tmpdir(), 'session-lab-')), 'a-file');
  writeFileSync(file, '');
  return { dataDir: join(file, 'sessions'), unblock: () => rmSync(file) };
}

const opened: LazyStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
});

describe('server-side sessions: what is saved', () => {
  it('a page without a cookie keeps nothing and names no row; it varies on Cookie', async () => {
    const res = await request(sandboxApp()).get(`${base}/`);
    expect(res.status).toBe(200);
    expect(setCookiesOf(res)).toEqual([]);
    expect(res.headers.vary).toBe('Cookie');
    const [record] = recordsOf(res.text);
    expect(record?.serverKeeps).toEqual({ store: 'sqlite', key: null, value: null });
  });

  it('clearing without a cookie sends no cookie; clearing an unknown id deletes the cookie, no row', async () => {
    const app = sandboxApp();
    const bare = await request(app).post(`${base}/clear`);
    expect(bare.status).toBe(302);
    expect(setCookiesOf(bare)).toEqual([]);
    const unknown = await request(app).post(`${base}/clear`).set('Cookie', `session=${unknownId}`);
    expect(setCookiesOf(unknown)).toEqual([
      'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/server-side',
    ]);
    const page = await request(app).get(unknown.headers.location);
    expect(recordsOf(page.text)[0]?.serverKeeps).toEqual({ store: 'sqlite', key: null, value: null });
  });

  it("the cookie and the row expire an hour after the app's clock", async () => {
    const app = sandboxApp({ now: () => 1_700_000_000.5 });
    const agent = request.agent(app);
    const stored = await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    const id = sessionSet(stored) as string;
    expect(setCookiesOf(stored)).toEqual([
      `session=${id}; Expires=Tue, 14 Nov 2023 23:13:20 GMT; HttpOnly; Path=/sandbox/server-side`,
    ]);
    const [record] = recordsOf((await agent.get(stored.headers.location)).text);
    expect(record?.serverKeeps).toEqual({
      store: 'sqlite',
      key: `session:${id}`,
      value: { firstName: 'Ada' },
      expiresAt: 1_700_003_600_000,
    });
  });

  it('login moves the session to a new id and deletes the old row, and says so', async () => {
    const app = sandboxApp();
    const planted = sessionSet(
      await request(app).post(`${base}/store`).type('form').send({ firstName: 'Mallory' }),
    ) as string;
    const agent = request.agent(app);
    const res = await agent
      .post(`${base}/login`)
      .set('Cookie', `session=${planted}`)
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    const fresh = sessionSet(res) as string;
    expect(fresh).not.toBe(planted);
    const members = await request(app).get(res.headers.location).set('Cookie', `session=${fresh}`);
    const [login] = recordsOf(members.text);
    expect(login?.serverKeeps).toMatchObject({
      key: `session:${fresh}`,
      value: { user_id: 'ada' },
      note: `A new id on login: the old row (session:${planted}) was deleted, so an id planted before the login opens nothing.`,
    });
    const replay = await request(app).get(`${base}/`).set('Cookie', `session=${planted}`);
    const [shown] = recordsOf(replay.text);
    expect(shown?.session.status).toBe('unknown-id');
    expect(replay.text).not.toContain('Mallory');
  });

  it('a login without a cookie before it gets an id and no note', async () => {
    const app = sandboxApp();
    const res = await request(app)
      .post(`${base}/login`)
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    const id = sessionSet(res) as string;
    const members = await request(app).get(res.headers.location).set('Cookie', `session=${id}`);
    const [login] = recordsOf(members.text);
    expect(login?.serverKeeps).toEqual({
      store: 'sqlite',
      key: `session:${id}`,
      value: { user_id: 'ada' },
      expiresAt: expect.any(Number),
    });
  });

  it('a session over the store’s 4 KB is not saved, and the record says why', async () => {
    const app = sandboxApp();
    const agent = request.agent(app);
    const first = await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    const id = sessionSet(first) as string;
    const big = await agent
      .post(`${base}/store`)
      .type('form')
      .send({ firstName: 'x'.repeat(5000) });
    expect(big.status).toBe(302);
    expect(setCookiesOf(big)).toEqual([]);
    const page = await agent.get(big.headers.location);
    const [tooBig, shown] = recordsOf(page.text);
    expect(tooBig?.cookieWarning).toBe(
      "The session is 5016 bytes; the store keeps at most 4096. Like the cookie engines' 4 KB, the session was not saved.",
    );
    expect(tooBig?.serverKeeps).toEqual({
      store: 'sqlite',
      key: `session:${id}`,
      value: { firstName: 'Ada' },
    });
    expect(page.text).toContain('First Name: Ada');
    expect(shown?.session.status).toBe('valid');

    const fresh = await request(app)
      .post(`${base}/store`)
      .type('form')
      .send({ firstName: 'x'.repeat(5000) });
    expect(setCookiesOf(fresh)).toEqual([]);
    const [freshRecord] = recordsOf((await request(app).get(fresh.headers.location)).text);
    expect(freshRecord?.serverKeeps).toEqual({ store: 'sqlite', key: null, value: null });
  });
});

describe('server-side sessions: the store unreachable', () => {
  it('a closed store opens again on the next request; closing one never opened does nothing', async () => {
    const store = lazyStore({ dataDir: mkdtempSync(join(tmpdir(), 'session-lab-')) });
    opened.push(store);
    await store.close();
    const app = sandboxApp({ store });
    const stored = await request(app).post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    await store.close();
    const page = await request(app)
      .get(`${base}/`)
      .set('Cookie', `session=${sessionSet(stored)}`);
    expect(page.text).toContain('First Name: Ada');
  });

  it('a SQLite folder that cannot be created: every page says so, nothing is set, and it recovers', async () => {
    const { dataDir, unblock } = blockedDataDir();
    const app = sandboxApp({ config: { dataDir } });
    const stored = await request(app).post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    expect(stored.status).toBe(302);
    expect(setCookiesOf(stored)).toEqual([]);
    const withCookie = await request(app).get(`${base}/`).set('Cookie', `session=${unknownId}`);
    expect(withCookie.status).toBe(200);
    expect(withCookie.text).toContain(downMessage);
    const [record] = recordsOf(withCookie.text);
    expect(record?.serverKeeps).toEqual({
      store: 'sqlite',
      key: null,
      value: null,
      note: expect.stringContaining(downMessage),
    });
    expect(record?.session.status).toBe('unknown-id');

    // The next request tries to open the store again.
    unblock();
    const again = await request(app).post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    expect(sessionSet(again)).toMatch(/^[\w-]{43}$/);
    const page = await request(app)
      .get(`${base}/`)
      .set('Cookie', `session=${sessionSet(again)}`);
    expect(page.text).toContain('First Name: Ada');
    expect(page.text).not.toContain(downMessage);
  });

  it('Redis down: the store opens, every page and action says it is unreachable, no cookie, no 5xx', async () => {
    const port = await freePort();
    const store = lazyStore({ dataDir: tmpdir(), redisUrl: `redis://127.0.0.1:${port}`, connectWaitMs: 50 });
    opened.push(store);
    expect(store.kind).toBe('redis');
    const app = sandboxApp({ store });
    const stored = await request(app).post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    expect(stored.status).toBe(302);
    expect(setCookiesOf(stored)).toEqual([]);
    const afterStore = await request(app).get(stored.headers.location);
    const [storeRecord] = recordsOf(afterStore.text);
    expect(storeRecord?.serverKeeps).toEqual({
      store: 'redis',
      key: null,
      value: null,
      note: expect.stringContaining(downMessage),
    });

    for (const path of ['/', '/members']) {
      const res = await request(app).get(`${base}${path}`).set('Cookie', `session=${unknownId}`);
      expect(res.status, path).toBeLessThan(500);
      expect(res.text, path).toContain(downMessage);
      expect(res.text, path).toContain('What the server keeps (Redis)');
      expect(setCookiesOf(res), path).toEqual([]);
    }
    const logout = await request(app).post(`${base}/logout`).set('Cookie', `session=${unknownId}`);
    expect(logout.status).toBe(302);
    expect(setCookiesOf(logout)).toEqual([]);
  });
});
