/**
 * `npm run bench:bomb`: how long `/healthz` takes to answer while scripts pile zlib-bomb cookie GETs
 * on the sandbox, against the same server idle. The load is bounded: CONNECTIONS connections from
 * this machine each pipeline PIPELINED bomb GETs of /sandbox/flask/ and never read an answer, for
 * SECONDS seconds, while a prober asks /healthz (a new connection each time) every PROBE_EVERY ms.
 * Figures only; the server runs in its own process (serve.ts), as `npm start` serves it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { signedBomb } from '../security/hostile-cookies.ts';
import { isMain, machineInfo, printAllTables, type Row } from './report.ts';

const CONNECTIONS = Number(process.env.BOMB_CONNECTIONS ?? 120);
const PIPELINED = Number(process.env.BOMB_PIPELINED ?? 20);
const SECONDS = Number(process.env.BOMB_SECONDS ?? 10);
const PROBE_EVERY = 250;
/** A probe that has not answered by then counts as this long. */
const PROBE_TIMEOUT = 40_000;

async function startServer(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [new URL('./serve.ts', import.meta.url).pathname, 'ours'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, SESSION_LAB_SECRET: undefined },
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}`)));
  });
  return { port: (JSON.parse(line) as { port: number }).port, child };
}

/** Milliseconds for one GET /healthz on a new connection (PROBE_TIMEOUT when it never answers). */
async function probe(port: number): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT),
      headers: { connection: 'close' },
    });
    await res.arrayBuffer();
    return performance.now() - started;
  } catch {
    return PROBE_TIMEOUT;
  }
}

async function probeFor(port: number, ms: number): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    times.push(await probe(port));
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY));
  }
  return times;
}

/** Opens the attackers' connections: each writes its pipelined bomb GETs at once and never reads. */
function bombLoad(port: number): Socket[] {
  const request = `GET /sandbox/flask/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: session=${signedBomb()}\r\n\r\n`;
  const batch = request.repeat(PIPELINED);
  return Array.from({ length: CONNECTIONS }, () => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(batch);
      socket.pause();
    });
    socket.on('error', () => {});
    return socket;
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round = (n: number) => Math.round(n * 10) / 10;

export async function benchBombLoad(): Promise<Row[]> {
  const { port, child } = await startServer();
  try {
    await probeFor(port, 1000); // warm-up
    const idle = await probeFor(port, 3000);
    const sockets = bombLoad(port);
    const loaded = await probeFor(port, SECONDS * 1000);
    for (const socket of sockets) socket.destroy();
    const subject = `${CONNECTIONS} connections × ${PIPELINED} pipelined bomb GETs, never read`;
    const table = '/healthz while a bomb load runs';
    const row = (line: string, measure: string, value: number | string): Row => ({
      bench: 'bomb',
      table,
      subject: line,
      measure,
      value,
    });
    return [
      row('idle', 'median ms', round(median(idle))),
      row('idle', 'max ms', round(Math.max(...idle))),
      row('idle', 'probes', idle.length),
      row(subject, 'median ms', round(median(loaded))),
      row(subject, 'max ms', round(Math.max(...loaded))),
      row(subject, 'probes', loaded.length),
      { ...row(subject, 'max ÷ idle max', round(Math.max(...loaded) / Math.max(...idle))), summary: true },
    ];
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
  }
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  printAllTables(await benchBombLoad());
}
