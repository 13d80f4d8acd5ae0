/**
 * The caps both stores apply before writing, so they refuse and trim the same way.
 */
import { isSessionId } from './session-id.ts';
import { defaultStoreLimits, type SessionRow, SessionTooLarge, type StoreLimits } from './session-store.ts';

/** The defaults with the caller's overrides, each a positive whole number. */
export function resolveLimits(overrides: Partial<StoreLimits> = {}): StoreLimits {
  const limits = { ...defaultStoreLimits, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive whole number`);
  }
  return limits;
}

/** The row as it will be stored: its expiry capped; throws on a bad id or an oversized value. */
export function rowToStore(id: string, row: SessionRow, limits: StoreLimits, now: number): SessionRow {
  if (!isSessionId(id))
    throw new TypeError('A session id is 16 to 128 characters of A-Z, a-z, 0-9, "-" and "_"');
  const bytes = Buffer.byteLength(row.value, 'utf8');
  if (bytes > limits.maxValueBytes) throw new SessionTooLarge(bytes, limits.maxValueBytes);
  const expiresAt = Math.min(Math.floor(row.expiresAt), now + limits.maxLifetimeMs);
  const stored: SessionRow = { value: row.value, owner: row.owner, expiresAt };
  if (row.user !== undefined) stored.user = row.user;
  return stored;
}

/** How often a store sweeps expired rows when nobody writes. */
export const sweepIntervalMs = 60_000;
