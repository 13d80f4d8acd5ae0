/**
 * Where the server-side engine keeps its sessions, as Flask-Session does: the cookie carries only a
 * random id, and the serialized session sits in a store under `session:<id>`. Two stores keep the
 * same promises: SQLite (a file shared by all workers on one machine) and Redis (shared by machines).
 * Every operation is async and fails with StoreUnavailable, never a hang, when the store is down.
 */

/** One stored session, as the engine writes it. */
export interface SessionRow {
  /** The serialized session (what Flask-Session keeps under `session:<id>`). */
  value: string;
  /** The client address that owns it; each address keeps at most `maxPerOwner` live sessions. */
  owner: string;
  /** The logged-in user, so "log out everywhere" can find every session of that user. */
  user?: string;
  /** When the row stops being served, in ms since the epoch (capped at `maxLifetimeMs` from now). */
  expiresAt: number;
}

export type StoreKind = 'sqlite' | 'redis';

export interface SessionStore {
  readonly kind: StoreKind;
  /** The live row under `session:<id>`, or undefined when absent, expired or `id` is malformed. */
  get(id: string): Promise<SessionRow | undefined>;
  /**
   * Writes (or replaces) the row and returns it as stored (its expiry capped). Evicts the owner's
   * oldest sessions past `maxPerOwner` and the store's oldest past `maxRows`; sweeps expired rows.
   * Throws SessionTooLarge when the value is over `maxValueBytes`.
   */
  save(id: string, row: SessionRow): Promise<SessionRow>;
  /** Removes the row (logout); true when a live row was there. */
  delete(id: string): Promise<boolean>;
  /** Removes every live session of `user` ("log out everywhere"); how many were removed. */
  deleteUser(user: string): Promise<number>;
  /** How many live rows the store holds. */
  count(): Promise<number>;
  /** Removes expired rows now (it also happens on writes and on a timer); how many went. */
  sweep(): Promise<number>;
  /** Stops timers and closes connections; the store answers nothing after. */
  close(): Promise<void>;
}

/** The sandbox's caps: a hostile class must not grow the store without bound. */
export interface StoreLimits {
  /** Live sessions kept per client address; the oldest (closest to expiring) go first. */
  maxPerOwner: number;
  /** Live rows kept in all; the oldest (closest to expiring) go first. */
  maxRows: number;
  /** Longest lifetime a row may have, whatever PERMANENT_SESSION_LIFETIME says. */
  maxLifetimeMs: number;
  /** Largest serialized session, in UTF-8 bytes: the cookie engines' 4 KB. */
  maxValueBytes: number;
}

export const defaultStoreLimits: Readonly<StoreLimits> = Object.freeze({
  maxPerOwner: 50,
  maxRows: 20_000,
  maxLifetimeMs: 60 * 60 * 1000,
  maxValueBytes: 4096,
});

/** Flask-Session's key prefix. */
export const sessionKeyPrefix = 'session:';

/** The key a session id is stored under, as Flask-Session lays them out. */
export function sessionKey(id: string): string {
  return `${sessionKeyPrefix}${id}`;
}

/** The store cannot be reached (Redis down, SQLite file locked too long): say so, answer without a 5xx. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
  readonly kind: StoreKind;
  constructor(kind: StoreKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

/** The serialized session is over the store's size limit; nothing was written. */
export class SessionTooLarge extends Error {
  override name = 'SessionTooLarge';
  readonly bytes: number;
  readonly limit: number;
  constructor(bytes: number, limit: number) {
    super(`The session is ${bytes} bytes; the store keeps at most ${limit}.`);
    this.bytes = bytes;
    this.limit = limit;
  }
}
