/**
 * The two real stores behind one factory, so one behaviour suite runs against both: SQLite in a
 * fresh temporary folder, Redis on a `redis-server` this file starts (emptied between tests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { RedisSessionStore } from '../../sandbox/store/redis-store.ts';
import type { SessionStore, StoreKind, StoreLimits } from '../../sandbox/store/session-store.ts';
import { SqliteSessionStore } from '../../sandbox/store/sqlite-store.ts';
import { type RunningRedis, startRedis } from '../helpers/redis.ts';

export interface StoreFactory {
  kind: StoreKind;
  /** Once per file. */
  setUp: () => Promise<void>;
  /** An empty store with these caps. */
  open: (limits?: Partial<StoreLimits>) => Promise<SessionStore>;
  /** Closes what `open` opened and removes what `setUp` made. */
  tearDown: () => Promise<void>;
}

export function sqliteFactory(): StoreFactory {
  const folders: string[] = [];
  const opened: SessionStore[] = [];
  return {
    kind: 'sqlite',
    setUp: async () => {},
    open: async (limits) => {
      const folder = mkdtempSync(join(tmpdir(), 'session-store-'));
      folders.push(folder);
      const store = SqliteSessionStore.open(folder, limits);
      opened.push(store);
      return store;
    },
    tearDown: async () => {
      for (const store of opened.splice(0)) await store.close();
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function redisFactory(): StoreFactory {
  let redis: RunningRedis | undefined;
  const opened: SessionStore[] = [];
  return {
    kind: 'redis',
    setUp: async () => {
      redis = await startRedis();
    },
    open: async (limits) => {
      const url = (redis as RunningRedis).url;
      const admin = createClient({ url });
      await admin.connect();
      await admin.flushAll();
      await admin.close();
      const store = await RedisSessionStore.open(url, limits, { connectWaitMs: 10_000 });
      opened.push(store);
      return store;
    },
    tearDown: async () => {
      for (const store of opened.splice(0)) await store.close();
      await redis?.stop();
    },
  };
}
