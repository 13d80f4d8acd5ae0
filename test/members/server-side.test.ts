/**
 * The server-side engine over real HTTP, on a real SQLite file: the cookie holds only an id, the
 * store holds the session under `session:<id>` (shown in the record), login gets a new id, logout
 * deletes the row, so a replayed cookie is refused where the signed-cookie engines accept it;
 * "log out everywhere" deletes every session of the user; an id planted before login is worthless after.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from '../sandbox/app.ts';

type Agent = ReturnType<typeof request.agent>;
const base = '/sandbox/server-side';

/** The session cookie's value a response set ('' when it deleted it, undefined when none). */
function sessionSet(res: { headers: Record<string, unknown> }): string | undefined {
  const header = setCookiesOf(res).find((h) => h.startsWith('session='));
  return header?.split(';')[0]?.slice('session='.length);
}

async function login(agent: Agent, username: string, password: string, engine = 'server-side') {
  const res = await agent.post(`/sandbox/${engine}/login`).type('form').send({ username, password });
  expect(res.status).toBe(302);
  return res;
}

describe('server-side sessions (SQLite)', () => {
  it('the cookie holds only an id; the record shows the row the store keeps', async () => {
    const agent = request.agent(sandboxApp());
    const stored = await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    const id = sessionSet(stored) as string;
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(setCookiesOf(stored)[0]).toMatch(
      new RegExp(`^session=${id}; Expires=[^;]+ GMT; HttpOnly; Path=/sandbox/server-side$`),
    );
    const page = await agent.get(stored.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('First Name: Ada');
    const [post, shown] = embeddedExchanges(page.text) as unknown as Exchange[];
    expect(post?.serverKeeps).toMatchObject({
      store: 'sqlite',
      key: `session:${id}`,
      value: { firstName: 'Ada' },
    });
    expect(shown?.session.status).toBe('valid');
    expect(page.text).toContain(`session:${id}`);
  });

  it('runs the whole flow: the same id kept, flash shown once, permanent, clear deletes row and cookie', async () => {
    const agent = request.agent(sandboxApp());
    const stored = await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' });
    const id = sessionSet(stored) as string;
    const [storeRecord] = embeddedExchanges(
      (await agent.get(stored.headers.location)).text,
    ) as unknown as Exchange[];
    expect(storeRecord?.session).toMatchObject({ status: 'none', before: {}, after: { firstName: 'Ada' } });

    const second = await agent.post(`${base}/store-second`).type('form').send({ favouriteColour: 'teal' });
    expect(sessionSet(second)).toBe(id); // the row is updated under the same id
    const flashed = await agent.post(`${base}/flash`).type('form').send({ firstName: 'Grace' });
    const page = await agent.get(flashed.headers.location);
    expect(page.text).toContain('Saved Grace');
    const [flashRecord, shown] = embeddedExchanges(page.text) as unknown as Exchange[];
    expect(flashRecord?.session.after).toEqual({
      firstName: 'Grace',
      favouriteColour: 'teal',
      _flashes: [{ $tuple: ['message', 'Saved Grace'] }],
    });
    expect(shown?.session).toMatchObject({
      status: 'valid',
      after: { firstName: 'Grace', favouriteColour: 'teal' },
    });
    expect((await agent.get(`${base}/`)).text).not.toContain('Saved Grace');

    await agent.post(`${base}/permanent`);
    const [permanent] = embeddedExchanges((await agent.get(`${base}/`)).text) as unknown as Exchange[];
    expect(permanent?.session.before).toMatchObject({ _permanent: true });

    const cleared = await agent.post(`${base}/clear`);
    expect(setCookiesOf(cleared).join('\n')).toMatch(
      /^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;/m,
    );
    const [clearRecord] = embeddedExchanges(
      (await agent.get(cleared.headers.location)).text,
    ) as unknown as Exchange[];
    expect(clearRecord?.serverKeeps).toMatchObject({
      key: `session:${id}`,
      value: null,
      note: 'The row was deleted: this id opens nothing any more.',
    });
    const replayed = await request(sandboxApp()).get(`${base}/`).set('Cookie', `session=${id}`);
    expect((embeddedExchanges(replayed.text)[0] as unknown as Exchange).session.status).toBe('unknown-id');
  });

  it('logout deletes the row: the old cookie replayed is refused (signed cookies accept it)', async () => {
    for (const engine of ['flask', 'express', 'server-side'] as const) {
      const agent = request.agent(sandboxApp());
      await login(agent, 'ada', 'lovelace', engine);
      const kept = (await agent.get(`/sandbox/${engine}/members`)).request.cookies;
      expect(kept).toContain('session=');
      await agent.post(`/sandbox/${engine}/logout`);
      const replay = await request(sandboxApp()).get(`/sandbox/${engine}/members`).set('Cookie', kept);
      const accepted = engine !== 'server-side';
      expect(replay.status, engine).toBe(accepted ? 200 : 401);
      if (!accepted) {
        const [record] = embeddedExchanges(replay.text) as unknown as Exchange[];
        expect(record?.session.status).toBe('unknown-id');
      }
    }
  });

  it('the lab replay: an id sent again after logout opens nothing', async () => {
    const agent = request.agent(sandboxApp());
    const res = await login(agent, 'grace', 'hopper');
    const id = sessionSet(res) as string;
    await agent.post(`${base}/logout`);
    const replay = await agent.post(`${base}/lab/replay`).type('form').send({ cookie: id });
    expect(replay.status).toBe(302);
    const page = await agent.get(`${base}/`);
    expect(page.text).not.toContain('Logged in as');
    const [record] = embeddedExchanges(page.text) as unknown as Exchange[];
    expect(record?.session.status).toBe('unknown-id');
    expect(record?.summary).toContain('no row for this session id');
  });

  it('fixation: an id planted before login does not survive it', async () => {
    const app = sandboxApp();
    const attacker = request.agent(app);
    const planted = sessionSet(
      await attacker.post(`${base}/store`).type('form').send({ firstName: 'Mallory' }),
    );
    const victim = request.agent(app);
    const res = await victim
      .post(`${base}/login`)
      .set('Cookie', `session=${planted}`)
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    const fresh = sessionSet(res);
    expect(fresh).toMatch(/^[\w-]{43}$/);
    expect(fresh).not.toBe(planted);
    const attackerPage = await attacker.get(`${base}/members`);
    expect(attackerPage.status).toBe(401);
    const victimPage = await request(app).get(`${base}/members`).set('Cookie', `session=${fresh}`);
    expect(victimPage.text).toContain('Logged in as <strong>ada</strong>');
  });

  it('log out everywhere deletes every session of the user', async () => {
    const app = sandboxApp();
    const laptop = request.agent(app);
    const phone = request.agent(app);
    const other = request.agent(app);
    await login(laptop, 'grace', 'hopper');
    await login(phone, 'grace', 'hopper');
    await login(other, 'ada', 'lovelace');
    const res = await laptop.post(`${base}/lab/logout-everywhere`);
    expect(res.status).toBe(302);
    const page = await laptop.get(res.headers.location);
    const [record] = embeddedExchanges(page.text) as unknown as Exchange[];
    expect(record?.summary).toContain('2 sessions of grace deleted');
    expect((await phone.get(`${base}/members`)).status).toBe(401);
    expect((await laptop.get(`${base}/members`)).status).toBe(401);
    expect((await other.get(`${base}/members`)).status).toBe(200);
  });
});
