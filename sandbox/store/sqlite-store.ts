/**
 * Sessions in one SQLite file through Node's built-in `node:sqlite`, shared by every worker process
 * on the machine. WAL lets readers run beside the one writer; the busy timeout makes a worker wait
 * for the other's write instead of failing it (with SQLite's default of 0, concurrent writes are lost).
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { resolveLimits, rowToStore } from './limits.ts';
import { isSessionId } from './session-id.ts';
import {
  type SessionRow,
  type SessionStore,
  type StoreLimits,
  StoreUnavailable,
  sessionKey,
} from './session-store.ts';

/** The file's name inside DATA_DIR. */
export const sqliteFileName = 'sessions.sqlite';

/** How long a write waits for another process's write before the store counts as unavailable. */
export const busyTimeoutMs = 5000;

const schema = `
CREATE TABLE IF NOT EXISTS sessions (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  owner TEXT NOT NULL,
  user TEXT,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS sessions_by_owner ON sessions (owner, expires_at);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user) WHERE user IS NOT NULL;
`;

interface StoredRow {
  value: string;
  owner: string;
  user: string | null;
  expires_at: number;
}

export class SqliteSessionStore implements SessionStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #limits: StoreLimits;
  readonly #timer: NodeJS.Timeout;
  readonly #statements: Record<
    'get' | 'upsert' | 'trimOwner' | 'count' | 'countAll' | 'trimAll' | 'sweep' | 'delete' | 'deleteUser',
    StatementSync
  >;

  /** Opens (creating if needed) `sessions.sqlite` in `dataDir`. */
  static open(dataDir: string, limits?: Partial<StoreLimits>): SqliteSessionStore {
    makeFolder(dataDir);
    return new SqliteSessionStore(join(dataDir, sqliteFileName), limits);
  }

  constructor(path: string, limits?: Partial<StoreLimits>) {
    this.path = path;
    this.#limits = resolveLimits(limits);
    this.#db = unavailableOnError(() => {
      const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
      try {
        db.exec('PRAGMA journal_mode = WAL');
        db.exec('PRAGMA synchronous = NORMAL');
        db.exec(`BEGIN IMMEDIATE; ${schema} COMMIT;`);
        return db;
      } catch (error) {
        db.close();
        throw error;
      }
    });
    const db = this.#db;
    this.#statements = {
      get: db.prepare('SELECT value, owner, user, expires_at FROM sessions WHERE key = ? AND expires_at > ?'),
      upsert: db.prepare(
        `INSERT INTO sessions (key, value, owner, user, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, owner = excluded.owner,
           user = excluded.user, expires_at = excluded.expires_at`,
      ),
      trimOwner: db.prepare(
        `DELETE FROM sessions WHERE key IN (SELECT key FROM sessions WHERE owner = ?
           ORDER BY expires_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
      ),
      count: db.prepare('SELECT count(*) AS n FROM sessions WHERE expires_at > ?'),
      // Right after a sweep every row is live, and counting them all is SQLite's fast path.
      countAll: db.prepare('SELECT count(*) AS n FROM sessions'),
      trimAll: db.prepare(
        'DELETE FROM sessions WHERE key IN (SELECT key FROM sessions ORDER BY expires_at, rowid LIMIT ?)',
      ),
      sweep: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      delete: db.prepare('DELETE FROM sessions WHERE key = ? RETURNING expires_at'),
      deleteUser: db.prepare('DELETE FROM sessions WHERE user = ? AND expires_at > ?'),
    };
    this.#timer = setInterval(() => this.sweep().catch(() => {}), this.#limits.sweepEveryMs).unref();
  }

  async get(id: string): Promise<SessionRow | undefined> {
    if (!isSessionId(id)) return undefined;
    const found = unavailableOnError(
      () => this.#statements.get.get(sessionKey(id), Date.now()) as StoredRow | undefined,
    );
    if (!found) return undefined;
    const row: SessionRow = { value: found.value, owner: found.owner, expiresAt: found.expires_at };
    if (found.user !== null) row.user = found.user;
    return row;
  }

  async save(id: string, row: SessionRow): Promise<SessionRow> {
    const now = Date.now();
    const stored = rowToStore(id, row, this.#limits, now);
    const { upsert, trimOwner, countAll, trimAll, sweep } = this.#statements;
    this.#transaction(() => {
      sweep.run(now);
      upsert.run(sessionKey(id), stored.value, stored.owner, stored.user ?? null, stored.expiresAt);
      trimOwner.run(stored.owner, this.#limits.maxPerOwner);
      const { n } = countAll.get() as { n: number };
      if (n > this.#limits.maxRows) trimAll.run(n - this.#limits.maxRows);
    });
    return stored;
  }

  async delete(id: string): Promise<boolean> {
    if (!isSessionId(id)) return false;
    const gone = unavailableOnError(
      () => this.#statements.delete.get(sessionKey(id)) as { expires_at: number } | undefined,
    );
    return gone !== undefined && gone.expires_at > Date.now();
  }

  async deleteUser(user: string): Promise<number> {
    const { changes } = unavailableOnError(() => this.#statements.deleteUser.run(user, Date.now()));
    return Number(changes);
  }

  async count(): Promise<number> {
    const { n } = unavailableOnError(() => this.#statements.count.get(Date.now()) as { n: number });
    return n;
  }

  async sweep(): Promise<number> {
    const { changes } = unavailableOnError(() => this.#statements.sweep.run(Date.now()));
    return Number(changes);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    if (this.#db.isOpen) this.#db.close();
  }

  /** Takes the write lock first (BEGIN IMMEDIATE), so waiting for it honours the busy timeout. */
  #transaction(work: () => void): void {
    unavailableOnError(() => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        work();
        this.#db.exec('COMMIT');
      } catch (error) {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(path, { recursive: true })` never returns when
 * the kernel answers ENOENT for a folder whose parent exists (any path under /proc): it retries the
 * parent for ever. Here that ENOENT is thrown like any other refusal.
 */
function makeFolder(path: string): void {
  const missing: string[] = [];
  for (let at = path; !statSync(at, { throwIfNoEntry: false }); at = dirname(at)) {
    if (dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const folder of missing) mkdirSync(folder);
}

/** SQLite's failures (busy past the timeout, disk full, unreadable file, closed) become StoreUnavailable. */
function unavailableOnError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_SQLITE_ERROR' || code === 'ERR_INVALID_STATE') {
      throw new StoreUnavailable(
        'sqlite',
        `The session database cannot be used: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
