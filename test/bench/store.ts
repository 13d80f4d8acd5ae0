/**
 * `npm run bench:store`: session store writes and reads per second, SQLite (a WAL file in a temporary
 * folder) against Redis (Debian's redis-server on loopback, started here), in one run so the ratios
 * compare like with like. Redis is measured one command at a time (a request's own wait) and with
 * 64 in flight (many requests at once, as under load); SQLite answers synchronously, so in-flight
 * calls do not overlap. `BENCH_SECONDS` sets the length of each line (default 3).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisSessionStore } from '../../sandbox/store/redis-store.ts';
import { newSessionId } from '../../sandbox/store/session-id.ts';
import type { SessionRow, SessionStore } from '../../sandbox/store/session-store.ts';
import { SqliteSessionStore } from '../../sandbox/store/sqlite-store.ts';
import { redisServerPath, startRedis } from '../helpers/redis.ts';
import { isMain, loadLine, machineInfo, printAllTables, type Row } from './report.ts';

const table = 'Session store, operations per second';
const ratios = 'Session store, Redis / SQLite';

/** A logged-in session of the handout's size, from one of a class's 500 addresses. */
function sessionRow(n: number): SessionRow {
  return {
    value: JSON.stringify({
      _fresh: true,
      _id: newSessionId(),
      firstName: 'Phill',
      user: `learner${n % 30}`,
    }),
    owner: `10.0.${(n % 500) >> 8}.${n % 256}`,
    user: `learner${n % 30}`,
    expiresAt: Date.now() + 60 * 60 * 1000,
  };
}

/** Runs `op(i)` with `inFlight` calls outstanding for about `seconds`; operations per second. */
async function opsPerSecond(
  op: (i: number) => Promise<unknown>,
  seconds: number,
  inFlight = 1,
): Promise<number> {
  let done = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const lane = async () => {
    while (performance.now() < end) await op(done++);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return Math.round(done / ((performance.now() - start) / 1000));
}

async function measure(store: SessionStore, seconds: number, inFlight: number) {
  const ids: string[] = [];
  const writes = await opsPerSecond(
    (i) => {
      const id = newSessionId();
      ids.push(id);
      return store.save(id, sessionRow(i));
    },
    seconds,
    inFlight,
  );
  const kept = ids.slice(-Math.min(ids.length, 10_000));
  const reads = await opsPerSecond(
    async (i) => {
      if (!(await store.get(kept[i % kept.length] as string)))
        throw new Error('a saved session was not found');
    },
    seconds,
    inFlight,
  );
  return { writes, reads, rows: await store.count() };
}

export async function benchStore(options: { seconds?: number } = {}): Promise<Row[]> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 3);
  const rows: Row[] = [];
  const add = (subject: string, figures: { writes: number; reads: number; rows: number }) => {
    rows.push(
      { bench: 'store', table, subject, measure: 'writes/s', value: figures.writes, summary: true },
      { bench: 'store', table, subject, measure: 'reads/s', value: figures.reads, summary: true },
      { bench: 'store', table, subject, measure: 'rows at the end', value: figures.rows },
    );
    return figures;
  };

  const folder = mkdtempSync(join(tmpdir(), 'bench-store-'));
  let sqlite: { writes: number; reads: number };
  try {
    const store = SqliteSessionStore.open(folder);
    sqlite = add('SQLite (WAL file)', await measure(store, seconds, 1));
    await store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  if (!existsSync(redisServerPath)) {
    console.log(`${redisServerPath} is missing (apt-get install redis-server): Redis is not measured.`);
    return rows;
  }
  const redis = await startRedis();
  try {
    for (const inFlight of [1, 64]) {
      // Each line starts from an empty Redis (it keeps nothing on disk), as SQLite's starts from a new file.
      await redis.stop();
      await redis.start();
      const store = await RedisSessionStore.open(redis.url, {}, { connectWaitMs: 10_000 });
      const subject = `Redis (loopback), ${inFlight} in flight`;
      const figures = add(subject, await measure(store, seconds, inFlight));
      for (const measureName of ['writes', 'reads'] as const) {
        rows.push({
          bench: 'store',
          table: ratios,
          subject,
          measure: measureName,
          value: Number((figures[measureName] / sqlite[measureName]).toFixed(2)),
        });
      }
      await store.close();
    }
  } finally {
    await redis.stop();
  }
  return rows;
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  printAllTables(await benchStore());
  console.log(loadLine());
}
