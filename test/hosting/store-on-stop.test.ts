/**
 * A graceful stop closes the server-side store once the last request is answered: SQLite folds its
 * write-ahead log back into the file (nothing left beside it), and Redis sees its client leave.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteFileName } from '../../sandbox/store/sqlite-store.ts';
import { readConfig } from '../../server/config.ts';
import { listen } from '../../server/listen.ts';
import { defaultDistDir } from '../../server/server.ts';
import { startProcess, urlOf, waitUntil } from '../helpers/process.ts';
import { startRedis } from '../helpers/redis.ts';

const folder = mkdtempSync(join(tmpdir(), 'store-on-stop-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Logs ada in on the server-side engine, so the store holds a row. */
async function logIn(url: string): Promise<void> {
  const res = await fetch(`${url}/sandbox/server-side/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'username=ada&password=lovelace',
    redirect: 'manual',
  });
  await res.arrayBuffer();
  expect(res.status).toBe(302);
  expect(res.headers.get('set-cookie')).toMatch(/^session=/);
}

describe('the store on a graceful stop', () => {
  it('SQLite: the WAL is checkpointed into the file and removed; the session is still there after', async () => {
    const dataDir = join(folder, 'sqlite');
    const server = startProcess({ PORT: '0', DATA_DIR: dataDir });
    await logIn(await urlOf(server));
    expect(existsSync(join(dataDir, `${sqliteFileName}-wal`))).toBe(true);

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(readdirSync(dataDir)).toEqual([sqliteFileName]);
    const db = new DatabaseSync(join(dataDir, sqliteFileName), { readOnly: true });
    expect(db.prepare('SELECT user FROM sessions').all()).toEqual([{ user: 'ada' }]);
    db.close();
  });

  it('Redis: the connection the engine opened is closed by the stop', async () => {
    const redis = await startRedis();
    const watcher = createClient({ url: redis.url });
    await watcher.connect();
    const ownId = String(await watcher.sendCommand(['CLIENT', 'ID']));
    const others = async () =>
      (await watcher.clientList()).filter((client) => String(client.id) !== ownId).length;
    try {
      const serving = await listen(
        readConfig({ PORT: '0', LOG_REQUESTS: '0', REDIS_URL: redis.url }),
        defaultDistDir,
      );
      expect(await others()).toBe(0);
      await logIn(`http://127.0.0.1:${serving.port}`);
      expect(await others()).toBeGreaterThan(0);
      await serving.stopper.stop();
      await waitUntil(async () => (await others()) === 0);
      expect(await others()).toBe(0);
    } finally {
      await watcher.close();
      await redis.stop();
    }
  });
});
