/**
 * The SQLite store as a file on disk: the layout Flask-Session uses, WAL and the busy timeout on the
 * connection, sessions that survive a restart, and two processes writing at once losing nothing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { newSessionId } from '../../sandbox/store/session-id.ts';
import { SqliteSessionStore, sqliteFileName } from '../../sandbox/store/sqlite-store.ts';

const run = promisify(execFile);
const writer = new URL('./sqlite-writer.ts', import.meta.url).pathname;
const folders: string[] = [];

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'session-sqlite-'));
  folders.push(folder);
  return join(folder, 'data');
}

/** Another process takes the file's write lock and keeps it `ms`; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<ChildProcess> {
  const script = `const db = new (require('node:sqlite').DatabaseSync)(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE'); console.log('locked');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
  });
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the SQLite session store', () => {
  it('creates the data folder and keeps each session under session:<id>', async () => {
    const dir = dataDir();
    const store = SqliteSessionStore.open(dir);
    const id = newSessionId();
    await store.save(id, {
      value: '{"user":"ada"}',
      owner: '10.0.0.1',
      user: 'ada',
      expiresAt: Date.now() + 60_000,
    });
    await store.close();
    const db = new DatabaseSync(join(dir, sqliteFileName), { readOnly: true });
    expect(db.prepare('SELECT key, value FROM sessions').all()).toEqual([
      { key: `session:${id}`, value: '{"user":"ada"}' },
    ]);
    db.close();
  });

  it('uses WAL, and a write waits for another process holding the lock instead of failing', async () => {
    const dir = dataDir();
    const store = SqliteSessionStore.open(dir);
    const db = new DatabaseSync(join(dir, sqliteFileName));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
    const holder = await holdWriteLock(join(dir, sqliteFileName), 1000);
    // With SQLite's default busy timeout (0) this would throw SQLITE_BUSY at once.
    await store.save(newSessionId(), { value: 'x', owner: '10.0.0.1', expiresAt: Date.now() + 60_000 });
    await once(holder, 'exit');
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it('keeps sessions across a restart (close and open again)', async () => {
    const dir = dataDir();
    const first = SqliteSessionStore.open(dir);
    const id = newSessionId();
    const saved = await first.save(id, {
      value: 'kept',
      owner: '10.0.0.1',
      user: 'grace',
      expiresAt: Date.now() + 60_000,
    });
    await first.close();
    const second = SqliteSessionStore.open(dir);
    expect(await second.get(id)).toEqual(saved);
    await second.close();
  });

  it('loses no write when two processes write to one file at once', async () => {
    const dir = dataDir();
    const store = SqliteSessionStore.open(dir);
    const perWriter = 1500;
    await Promise.all([
      run(process.execPath, [writer, dir, 'a', String(perWriter)]),
      run(process.execPath, [writer, dir, 'b', String(perWriter)]),
    ]);
    expect(await store.count()).toBe(2 * perWriter);
    await store.close();
  }, 60_000);

  it('refuses a folder the kernel will not create (under /proc) at once, where a recursive mkdir never returns', () => {
    expect(() => SqliteSessionStore.open('/proc/session-lab-data/sessions')).toThrow(
      /ENOENT.*mkdir '\/proc\/session-lab-data'/,
    );
  });

  it('says StoreUnavailable for a file that is not a database', () => {
    const dir = dataDir();
    mkdirSync(dir);
    writeFileSync(
      join(dir, sqliteFileName),
      'this is not a database, just text long enough to be read as a header',
    );
    expect(() => SqliteSessionStore.open(dir)).toThrow(
      expect.objectContaining({ name: 'StoreUnavailable', kind: 'sqlite' }),
    );
  });

  it('says StoreUnavailable when another process holds the lock past the busy timeout', async () => {
    const dir = dataDir();
    const store = SqliteSessionStore.open(dir);
    const holder = await holdWriteLock(join(dir, sqliteFileName), 7000);
    const error = await store
      .save(newSessionId(), { value: 'x', owner: '10.0.0.1', expiresAt: Date.now() + 60_000 })
      .catch((e) => e);
    holder.kill();
    await once(holder, 'exit');
    expect(error).toMatchObject({ name: 'StoreUnavailable', kind: 'sqlite' });
    expect(await store.count()).toBe(0);
    await store.close();
  }, 30_000);
});
