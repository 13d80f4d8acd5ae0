/**
 * Picks the store from the settings: Redis when a URL is given, else SQLite in the data folder.
 */
import { RedisSessionStore, type RedisStoreOptions } from './redis-store.ts';
import type { SessionStore, StoreLimits } from './session-store.ts';
import { SqliteSessionStore } from './sqlite-store.ts';

export interface StoreSettings extends RedisStoreOptions {
  /** Folder of the SQLite file (created if missing). */
  dataDir: string;
  /** A redis:// or rediss:// URL; when set, sessions live in Redis instead. */
  redisUrl?: string;
  limits?: Partial<StoreLimits>;
}

export async function openSessionStore(settings: StoreSettings): Promise<SessionStore> {
  if (settings.redisUrl) return RedisSessionStore.open(settings.redisUrl, settings.limits, settings);
  return SqliteSessionStore.open(settings.dataDir, settings.limits);
}
