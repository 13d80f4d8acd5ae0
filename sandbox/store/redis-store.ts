/**
 * Sessions in Redis (npm `redis`), shared by every machine that points REDIS_URL at it. Rows expire
 * by Redis TTL. When Redis is down every call fails within about a second with StoreUnavailable
 * (no offline queue, bounded connect and command timeouts), and the client keeps reconnecting in the
 * background, so the store works again as soon as Redis is back.
 */

import { createHash } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { resolveLimits, rowToStore, sweepIntervalMs } from './limits.ts';
import { deleteScript, deleteUserScript, getScript, saveScript } from './redis-scripts.ts';
import { isSessionId } from './session-id.ts';
import { type SessionRow, type SessionStore, type StoreLimits, StoreUnavailable } from './session-store.ts';

/** How long connecting, and each command, may take before the store counts as unavailable. */
export const redisTimeoutMs = 1000;

/** Waits between reconnection attempts: quick at first, then at most this often. */
const longestReconnectWaitMs = 1000;

interface Script {
  source: string;
  sha1: string;
}

function script(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

const scripts = {
  save: script(saveScript),
  get: script(getScript),
  delete: script(deleteScript),
  deleteUser: script(deleteUserScript),
};

export interface RedisStoreOptions {
  /** Called once when Redis becomes unreachable and once when it is back (the server logs these). */
  onStatus?: (status: 'down' | 'up', detail: string) => void;
  /** How long `open` waits for the first connection (default: one connect timeout). */
  connectWaitMs?: number;
}

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;
  readonly #client: RedisClientType;
  readonly #limits: StoreLimits;
  readonly #timer: NodeJS.Timeout;
  #closed = false;

  /**
   * Connects to `url`, waiting at most `connectWaitMs`: when Redis is down at start the store still
   * opens (its calls fail with StoreUnavailable) and connects once Redis is up.
   */
  static async open(
    url: string,
    limits?: Partial<StoreLimits>,
    options: RedisStoreOptions = {},
  ): Promise<RedisSessionStore> {
    const store = new RedisSessionStore(url, limits, options);
    await store.#whenReady(options.connectWaitMs ?? redisTimeoutMs);
    return store;
  }

  private constructor(url: string, limits: Partial<StoreLimits> | undefined, options: RedisStoreOptions) {
    this.#limits = resolveLimits(limits);
    this.#client = createClient({
      url,
      disableOfflineQueue: true,
      commandsQueueMaxLength: 10_000,
      socket: {
        connectTimeout: redisTimeoutMs,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, longestReconnectWaitMs),
      },
      commandOptions: { timeout: redisTimeoutMs, rejectInFlight: true },
    }) as RedisClientType;
    let down = false;
    this.#client.on('error', (error: Error) => {
      if (down || this.#closed) return;
      down = true;
      options.onStatus?.('down', error.message);
    });
    this.#client.on('ready', () => {
      if (!down) return;
      down = false;
      options.onStatus?.('up', 'reconnected');
    });
    this.#client.connect().catch(() => {
      // Only when closed before connecting; otherwise the client keeps retrying.
    });
    this.#timer = setInterval(() => this.sweep().catch(() => {}), sweepIntervalMs).unref();
  }

  async get(id: string): Promise<SessionRow | undefined> {
    if (!isSessionId(id)) return undefined;
    const found = (await this.#run(scripts.get, [id])) as [string, string, string, string] | null;
    if (!found) return undefined;
    const [value, owner, user, expiresAt] = found;
    const row: SessionRow = { value, owner, expiresAt: Number(expiresAt) };
    if (user !== '') row.user = user;
    return row;
  }

  async save(id: string, row: SessionRow): Promise<SessionRow> {
    const now = Date.now();
    const stored = rowToStore(id, row, this.#limits, now);
    await this.#run(scripts.save, [
      id,
      stored.value,
      stored.owner,
      stored.user ?? '',
      String(stored.expiresAt),
      String(now),
      String(this.#limits.maxPerOwner),
      String(this.#limits.maxRows),
    ]);
    return stored;
  }

  async delete(id: string): Promise<boolean> {
    if (!isSessionId(id)) return false;
    return (await this.#run(scripts.delete, [id])) === 1;
  }

  async deleteUser(user: string): Promise<number> {
    return Number(await this.#run(scripts.deleteUser, [user, String(Date.now())]));
  }

  async count(): Promise<number> {
    return this.#unavailableOnError(() => this.#client.zCount('session-index:all', `(${Date.now()}`, '+inf'));
  }

  /** Redis drops expired rows itself (TTL); this forgets their entries in the index of all rows. */
  async sweep(): Promise<number> {
    return this.#unavailableOnError(() =>
      this.#client.zRemRangeByScore('session-index:all', '-inf', Date.now()),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    if (this.#client.isReady) await this.#client.close().catch(() => this.#client.destroy());
    else if (this.#client.isOpen) this.#client.destroy();
  }

  /** Runs a script by its hash, sending its text only when Redis does not have it yet. */
  #run(script: Script, args: string[]): Promise<unknown> {
    return this.#unavailableOnError(async () => {
      try {
        return await this.#client.evalSha(script.sha1, { arguments: args });
      } catch (error) {
        if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
        return this.#client.eval(script.source, { arguments: args });
      }
    });
  }

  async #unavailableOnError<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreUnavailable('redis', 'The session store is closed.');
    try {
      return await work();
    } catch (error) {
      throw new StoreUnavailable('redis', `Redis cannot be reached: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async #whenReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#client.isReady && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
