/**
 * `npm run bench:server-side`: the server-side engine (/sandbox/server-side/) against the
 * signed-cookie Flask engine (/sandbox/flask/) of the same server, in one run, once with SQLite
 * (DATA_DIR in a temporary folder) and once with Redis (Debian's redis-server on loopback, started
 * here). Flows as in bench:sandbox: show (GET the page with a session holding firstName) and
 * store→show (POST /store, then GET the redirect), at BENCH_CONNECTIONS (default 1,64) for
 * BENCH_SECONDS each (default 5), driven by Debian's `wrk`, in BENCH_ROUNDS paired rounds (default
 * 3) whose median is reported. The aim: server-side ≥ 0.5× the
 * signed-cookie engine. Server-side sessions write their row on every request that has one
 * (Flask-Session refreshes permanent sessions), so both flows write to the store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startRedis } from '../helpers/redis.ts';
import { isMain, loadLine, machineInfo, printAllTables, type Row } from './report.ts';
import { mergeCookies } from './sandbox.ts';
import { ensureSiteBuilt, root } from './site.ts';
import { findWrk, loadWithWrk, type WrkMeasured, type WrkTarget } from './wrk.ts';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const connectionCounts = (process.env.BENCH_CONNECTIONS || '1,64').split(',').map(Number);
const encoding = 'gzip, deflate, br';
const flows = ['show', 'store→show'] as const;
const roundCount = Number(process.env.BENCH_ROUNDS || 3);

/** The middle item by `key` (the lower middle for an even count). */
function medianBy<T>(items: T[], key: (item: T) => number): T {
  const sorted = items.toSorted((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as T;
}

interface Server {
  base: string;
  stop: () => Promise<void>;
}

/** Session Lab as `npm start` runs it, with extra environment; resolves once it listens. */
async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'server/start.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      LOG_REQUESTS: '0',
      PORT: '0',
      BASE_PATH: '',
      WORKERS: process.env.WORKERS || '1',
      ...env,
    },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server/start.ts did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const found = /running at http:\/\/[^:]+:(\d+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(Number(found));
      }
    });
    child.once('exit', (code) => reject(new Error(`server/start.ts exited (${code}) before listening`)));
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { base: `http://127.0.0.1:${port}`, stop };
}

/** A target for wrk: the engine's page and store route, with a cookie from a real POST /store. */
async function targetOf(base: string, engine: 'flask' | 'server-side'): Promise<WrkTarget> {
  const showPath = `/sandbox/${engine}/`;
  const storePath = `/sandbox/${engine}/store`;
  const stored = await fetch(base + storePath, {
    method: 'POST',
    body: new URLSearchParams({ firstName: 'Ada' }),
    redirect: 'manual',
  });
  const cookie = mergeCookies('', stored.headers.getSetCookie());
  const page = await fetch(base + showPath, { headers: { cookie } });
  const body = await page.text();
  if (stored.status !== 302 || page.status !== 200 || !body.includes('First Name: Ada')) {
    throw new Error(
      `${engine}: POST /store answered ${stored.status}, the page ${page.status} without the name`,
    );
  }
  return { base, showPath, storePath, cookie };
}

/** Measures both engines of one server, alternating, and returns the rows and ratios. */
async function measureStore(label: string, server: Server): Promise<Row[]> {
  const wrk = findWrk();
  if (!wrk) throw new Error('wrk is not installed (apt-get install wrk)');
  const targets = {
    flask: await targetOf(server.base, 'flask'),
    'server-side': await targetOf(server.base, 'server-side'),
  };
  for (const target of Object.values(targets)) await loadWithWrk(wrk, target, 'store→show', 16, 2, encoding);
  const rows: Row[] = [];
  for (const flow of flows) {
    for (const connections of connectionCounts) {
      // Paired rounds, engines alternating: the machine's load swings between windows, so one
      // window each made ratios of 0.2 out of engines that cost the same per request.
      const rounds: Record<string, WrkMeasured>[] = [];
      for (let round = 1; round <= roundCount; round++) {
        const measured: Record<string, WrkMeasured> = {};
        for (const [engine, target] of Object.entries(targets)) {
          console.error(
            `… ${label}: ${engine} ${flow} at ${connections} connection(s) for ${seconds} s (round ${round} of ${roundCount})`,
          );
          measured[engine] = await loadWithWrk(wrk, target, flow, connections, seconds, encoding);
        }
        rounds.push(measured);
      }
      for (const engine of Object.keys(targets)) {
        const m = medianBy(
          rounds.map((r) => r[engine] as WrkMeasured),
          (x) => x.rps,
        );
        const subject = `${engine === 'flask' ? 'signed cookie (Flask engine)' : `server-side, ${label}`} · ${flow} · ${connections} conn`;
        const base = {
          bench: 'server-side',
          table: `Load with ${label} (median of ${roundCount} rounds of ${seconds} s)`,
          subject,
        };
        rows.push(
          { ...base, measure: 'req/s', value: Math.round(m.rps) },
          { ...base, measure: 'p50 ms', value: m.p50 },
          { ...base, measure: 'p99 ms', value: m.p99 },
          { ...base, measure: 'errors + bad status', value: m.errors + m.unexpected },
        );
      }
      const ratios = rounds.map((r) => (r['server-side']?.rps ?? 0) / (r.flask?.rps ?? 1));
      const ratio = medianBy(ratios, (x) => x);
      rows.push({
        bench: 'server-side',
        table: 'Server-side / signed cookie (req/s, median of the paired rounds), aim ≥ 0.5',
        subject: `${label} · ${flow} · ${connections} conn`,
        measure: 'ratio',
        value: Math.round(ratio * 100) / 100,
        aim: '≥ 0.50',
        met: ratio >= 0.5,
        summary: true,
      });
    }
  }
  return rows;
}

export async function benchServerSide(): Promise<Row[]> {
  ensureSiteBuilt();
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'session-lab-bench-'));
  try {
    const sqlite = await startServer({ DATA_DIR: dataDir });
    try {
      rows.push(...(await measureStore('SQLite', sqlite)));
    } finally {
      await sqlite.stop();
    }
    const redis = await startRedis();
    try {
      const server = await startServer({ DATA_DIR: dataDir, REDIS_URL: redis.url });
      try {
        rows.push(...(await measureStore('Redis', server)));
      } finally {
        await server.stop();
      }
    } finally {
      await redis.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  printAllTables(await benchServerSide());
  console.log(loadLine());
}
