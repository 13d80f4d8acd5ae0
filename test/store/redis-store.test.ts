/**
 * The Redis store against a real redis-server: Flask-Session's layout with Redis TTLs, and what
 * happens when Redis goes away (fast StoreUnavailable, no hang) and comes back (works again).
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../../sandbox/store/redis-store.ts';
import { newSessionId } from '../../sandbox/store/session-id.ts';
import { type SessionRow, StoreUnavailable } from '../../sandbox/store/session-store.ts';
import { waitUntil } from '../helpers/process.ts';
import { type RunningRedis, startRedis } from '../helpers/redis.ts';

const row = (owner: string): SessionRow => ({ value: '{"n":1}', owner, expiresAt: Date.now() + 60_000 });

/** How long `work` took to settle, and its error if it failed. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const start = performance.now();
  const error = await work().then(
    () => undefined,
    (e) => e,
  );
  return { ms: performance.now() - start, error };
}

/** Resolves once a save goes through again. */
const worksAgain = (store: RedisSessionStore) =>
  waitUntil(() =>
    store.save(newSessionId(), row('10.0.9.9')).then(
      () => true,
      () => false,
    ),
  );

describe('the Redis session store', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it("keeps the session under Flask-Session's key, expiring by Redis TTL", async () => {
    const store = await RedisSessionStore.open(redis.url, {}, { connectWaitMs: 10_000 });
    const id = newSessionId();
    await store.save(id, {
      value: '{"user":"ada"}',
      owner: '10.0.0.1',
      user: 'ada',
      expiresAt: Date.now() + 60_000,
    });
    const raw = createClient({ url: redis.url });
    await raw.connect();
    expect(await raw.get(`session:${id}`)).toBe('{"user":"ada"}');
    const ttl = await raw.pTTL(`session:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await raw.close();
    await store.close();
  });

  it('fails fast with StoreUnavailable while Redis is down, and works again once it is back', async () => {
    const store = await RedisSessionStore.open(redis.url, {}, { connectWaitMs: 10_000 });
    const id = newSessionId();
    await store.save(id, row('10.0.0.1'));
    await redis.stop();
    for (const call of [
      () => store.get(id),
      () => store.save(newSessionId(), row('10.0.0.1')),
      () => store.count(),
    ]) {
      const { ms, error } = await timed(call);
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(error).toMatchObject({ kind: 'redis' });
      // Bounded by the command timeout (1 s), never a hang; usually at once (no offline queue).
      expect(ms).toBeLessThan(3000);
    }
    await redis.start();
    await worksAgain(store);
    const again = newSessionId();
    await store.save(again, row('10.0.0.1'));
    expect(await store.get(again)).toMatchObject({ owner: '10.0.0.1' });
    await store.close();
  }, 30_000);

  it('opens while Redis is down, answers StoreUnavailable, and connects once Redis starts', async () => {
    await redis.stop();
    const statuses: string[] = [];
    const opening = performance.now();
    const store = await RedisSessionStore.open(
      redis.url,
      {},
      { onStatus: (status) => statuses.push(status) },
    );
    expect(performance.now() - opening).toBeLessThan(3000);
    await expect(store.get(newSessionId())).rejects.toBeInstanceOf(StoreUnavailable);
    await redis.start();
    await worksAgain(store);
    expect(statuses).toEqual(['down', 'up']);
    await store.close();
  }, 30_000);

  it('gives up on a Redis that accepts but never answers, within the command timeout', async () => {
    const store = await RedisSessionStore.open(redis.url, {}, { connectWaitMs: 10_000 });
    await store.save(newSessionId(), row('10.0.0.1'));
    redis.freeze();
    try {
      const { ms, error } = await timed(() => store.get(newSessionId()));
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(ms).toBeLessThan(3000);
    } finally {
      redis.thaw();
    }
    await worksAgain(store);
    await store.close();
  }, 30_000);
});
