/**
 * What every session store promises, run against real SQLite files and a real redis-server: rows
 * under `session:<id>`, expiry, the caps a hostile class meets, logout and "log out everywhere".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionId } from '../../sandbox/store/session-id.ts';
import { type SessionRow, SessionTooLarge } from '../../sandbox/store/session-store.ts';
import { redisFactory, sqliteFactory } from './stores.ts';

const hour = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A row for `owner` that expires `inMs` from now. */
function row(owner: string, inMs = 10 * 60 * 1000, extra: Partial<SessionRow> = {}): SessionRow {
  return { value: `{"owner":"${owner}"}`, owner, expiresAt: Date.now() + inMs, ...extra };
}

describe.each([sqliteFactory(), redisFactory()])('the $kind store', (factory) => {
  beforeAll(factory.setUp);
  afterAll(factory.tearDown);

  it('says which store it is', async () => {
    expect((await factory.open()).kind).toBe(factory.kind);
  });

  it('gives back the row it saved, and nothing for an unknown or malformed id', async () => {
    const store = await factory.open();
    const id = newSessionId();
    const saved = await store.save(id, row('10.0.0.1', 60_000, { value: '{"user":"ada"}', user: 'ada' }));
    expect(await store.get(id)).toEqual(saved);
    expect(saved).toMatchObject({ value: '{"user":"ada"}', owner: '10.0.0.1', user: 'ada' });
    expect(await store.get(newSessionId())).toBeUndefined();
    expect(await store.get('../etc/passwd')).toBeUndefined();
    expect(await store.get('')).toBeUndefined();
    const anonymous = newSessionId();
    await store.save(anonymous, row('10.0.0.1'));
    expect(await store.get(anonymous)).not.toHaveProperty('user');
  });

  it('replaces a row saved again under the same id', async () => {
    const store = await factory.open();
    const id = newSessionId();
    await store.save(id, row('10.0.0.1', 60_000, { value: 'first' }));
    await store.save(id, row('10.0.0.1', 60_000, { value: 'second', user: 'grace' }));
    expect(await store.get(id)).toMatchObject({ value: 'second', user: 'grace' });
    expect(await store.count()).toBe(1);
  });

  it('keeps a row at most an hour, whatever lifetime it is given', async () => {
    const store = await factory.open();
    const id = newSessionId();
    const before = Date.now();
    const saved = await store.save(id, row('10.0.0.1', 31 * 24 * hour));
    expect(saved.expiresAt).toBeGreaterThanOrEqual(before + hour);
    expect(saved.expiresAt).toBeLessThanOrEqual(Date.now() + hour);
    expect((await store.get(id))?.expiresAt).toBe(saved.expiresAt);
  });

  it('stops serving a row once it has expired, and a sweep removes it', async () => {
    const store = await factory.open();
    const short = newSessionId();
    const long = newSessionId();
    await store.save(short, row('10.0.0.1', 150));
    await store.save(long, row('10.0.0.2', 60_000));
    expect(await store.get(short)).toBeDefined();
    await sleep(250);
    expect(await store.get(short)).toBeUndefined();
    expect(await store.count()).toBe(1);
    expect(await store.sweep()).toBe(1);
    expect(await store.sweep()).toBe(0);
    expect(await store.get(long)).toBeDefined();
  });

  it('refuses a session over 4 KB, counted in bytes, and writes nothing', async () => {
    const store = await factory.open();
    const fits = newSessionId();
    await store.save(fits, row('10.0.0.1', 60_000, { value: 'x'.repeat(4096) }));
    expect((await store.get(fits))?.value).toHaveLength(4096);
    const tooBig = newSessionId();
    const error = await store
      .save(tooBig, row('10.0.0.1', 60_000, { value: 'é'.repeat(2049) }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(SessionTooLarge);
    expect(error).toMatchObject({ bytes: 4098, limit: 4096 });
    expect(await store.get(tooBig)).toBeUndefined();
    expect(await store.count()).toBe(1);
  });

  it("keeps 50 live sessions per client address: the 51st drops that address's oldest", async () => {
    const store = await factory.open();
    const ids = Array.from({ length: 51 }, () => newSessionId());
    const other = newSessionId();
    await store.save(other, row('10.0.0.9', 1000));
    const start = Date.now() + 60_000;
    for (const [i, id] of ids.entries()) {
      await store.save(id, { value: `n${i}`, owner: '10.0.0.1', expiresAt: start + i });
    }
    expect(await store.get(ids[0] as string)).toBeUndefined();
    for (const id of ids.slice(1)) expect(await store.get(id)).toBeDefined();
    expect(await store.get(other)).toBeDefined();
    expect(await store.count()).toBe(51);
  });

  it('keeps at most its total cap of rows, dropping the oldest first', async () => {
    const store = await factory.open({ maxRows: 5 });
    const ids = Array.from({ length: 7 }, () => newSessionId());
    const start = Date.now() + 60_000;
    for (const [i, id] of ids.entries()) {
      await store.save(id, { value: `n${i}`, owner: `10.0.1.${i}`, expiresAt: start + i });
    }
    expect(await store.count()).toBe(5);
    expect(await store.get(ids[0] as string)).toBeUndefined();
    expect(await store.get(ids[1] as string)).toBeUndefined();
    for (const id of ids.slice(2)) expect(await store.get(id)).toBeDefined();
  });

  it('deletes one session on logout, and says whether it was there', async () => {
    const store = await factory.open();
    const id = newSessionId();
    const kept = newSessionId();
    await store.save(id, row('10.0.0.1', 60_000, { user: 'ada' }));
    await store.save(kept, row('10.0.0.1', 60_000, { user: 'ada' }));
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.delete(id)).toBe(false);
    expect(await store.delete('not an id')).toBe(false);
    expect(await store.get(kept)).toBeDefined();
  });

  it('logs a user out everywhere: every session of that user goes, the others stay', async () => {
    const store = await factory.open();
    const ada = [newSessionId(), newSessionId(), newSessionId()];
    const grace = newSessionId();
    const anonymous = newSessionId();
    for (const [i, id] of ada.entries()) await store.save(id, row(`10.0.2.${i}`, 60_000, { user: 'ada' }));
    await store.save(grace, row('10.0.2.0', 60_000, { user: 'grace' }));
    await store.save(anonymous, row('10.0.2.0'));
    expect(await store.deleteUser('ada')).toBe(3);
    for (const id of ada) expect(await store.get(id)).toBeUndefined();
    expect(await store.get(grace)).toBeDefined();
    expect(await store.get(anonymous)).toBeDefined();
    expect(await store.deleteUser('ada')).toBe(0);
  });

  it('forgets a user a session no longer belongs to, and does not count expired sessions', async () => {
    const store = await factory.open();
    const moved = newSessionId();
    const expired = newSessionId();
    await store.save(moved, row('10.0.3.1', 60_000, { user: 'ada' }));
    await store.save(moved, row('10.0.3.1', 60_000, { user: 'grace' }));
    await store.save(expired, row('10.0.3.1', 100, { user: 'grace' }));
    await sleep(200);
    expect(await store.deleteUser('ada')).toBe(0);
    expect(await store.get(moved)).toBeDefined();
    expect(await store.deleteUser('grace')).toBe(1);
    expect(await store.get(moved)).toBeUndefined();
  });

  it('answers with StoreUnavailable once closed', async () => {
    const store = await factory.open();
    await store.close();
    await expect(store.get(newSessionId())).rejects.toMatchObject({
      name: 'StoreUnavailable',
      kind: factory.kind,
    });
    await expect(store.save(newSessionId(), row('10.0.0.1'))).rejects.toMatchObject({
      name: 'StoreUnavailable',
    });
  });
});
