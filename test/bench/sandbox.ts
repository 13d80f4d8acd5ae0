/**
 * `npm run bench:sandbox`: the store-then-show flow under load, on three servers in one run, each in
 * its own process. The load generator is Debian's `wrk` when installed (a native process of its
 * own, wrk.ts), else autocannon in this process (BENCH_LOAD=autocannon to choose it anyway):
 *
 * - ours: Session Lab's Flask sandbox (/sandbox/flask/), started as `npm start` starts it
 *   (server/start.ts), with this shell's WORKERS (default 1);
 * - bare: express 5 + cookie-session with a small fixed page (the ceiling for a node app);
 * - Flask: sandbox/apps/flask_app.py under real Flask and gunicorn, 2 sync workers (when installed).
 *
 * Two flows, each at 1, 64 and 256 connections (BENCH_SECONDS each, default 5; BENCH_CONNECTIONS to change):
 * - show: GET the page with a session cookie that holds firstName (set once, up front);
 * - store→show: POST /store firstName=Ada, then GET the redirect's Location with the new cookie,
 *   as a browser does (each counts as one request).
 * Every request sends `Accept-Encoding: gzip, deflate, br` as a browser does (set BENCH_ENCODING=identity
 * for none): our server compresses its page, the bare page is below compression's threshold and is
 * never compressed, gunicorn does not compress. Cookies go in the Cookie header explicitly (our
 * sandbox sets Path=/sandbox/flask).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type AutocannonClient, type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { isMain, loadLine, machineInfo, printAllTables, type Row } from './report.ts';
import { ensureSiteBuilt, root } from './site.ts';
import { findWrk, loadWithWrk, type WrkMeasured } from './wrk.ts';

/** One server under test. */
interface Target {
  id: 'ours' | 'bare' | 'flask';
  label: string;
  base: string;
  showPath: string;
  storePath: string;
  /** Cookie header holding a session with firstName=Ada, from a real POST /store. */
  cookie: string;
  stop: () => Promise<void>;
}

const seconds = Number(process.env.BENCH_SECONDS || 5);
const connectionCounts = (process.env.BENCH_CONNECTIONS || '1,64,256').split(',').map(Number);
const encoding = process.env.BENCH_ENCODING || 'gzip, deflate, br';
const python = '/usr/bin/python3';
const wrk = process.env.BENCH_LOAD === 'autocannon' ? undefined : findWrk();
const workers = process.env.WORKERS || '1';

/** Runs the load benchmark; returns its figures (and prints progress on stderr). */
export async function benchSandbox(): Promise<Row[]> {
  ensureSiteBuilt();
  const targets: Target[] = [];
  const rows: Row[] = [];
  const aims: Row[] = [];
  // Every server stops when the run ends, even on error; the children also stop if we die.
  try {
    targets.push(await startNode('ours'));
    targets.push(await startNode('bare'));
    const flask = await startFlask();
    if (typeof flask === 'string') console.error(`Flask under gunicorn skipped: ${flask}`);
    else targets.push(flask);

    // Warm every server up (JIT, connection pools) before the first measured line.
    for (const target of targets) {
      console.error(`… warming up ${target.label}`);
      await load(target, 'store→show', 16, 2);
    }
    for (const flow of ['show', 'store→show'] as const) {
      for (const connections of connectionCounts) {
        const byTarget = new Map<Target['id'], Measured>();
        for (const target of targets) {
          console.error(`… ${target.label}: ${flow} at ${connections} connection(s) for ${seconds} s`);
          const measured = await load(target, flow, connections);
          byTarget.set(target.id, measured);
          rows.push(...loadRows(target, flow, connections, measured));
        }
        aims.push(...aimRows(flow, connections, byTarget));
      }
    }
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
  }
  return [...rows, ...aims];
}

/** One line's figures, from wrk or autocannon alike. */
type Measured = WrkMeasured;

async function load(
  target: Target,
  flow: 'show' | 'store→show',
  connections: number,
  duration = seconds,
): Promise<Measured> {
  if (wrk) return loadWithWrk(wrk, target, flow, connections, duration, encoding);
  const headers = { cookie: target.cookie, 'accept-encoding': encoding };
  const show: AutocannonRequest = { method: 'GET', path: target.showPath, headers };
  const requests: AutocannonRequest[] =
    flow === 'show'
      ? [show]
      : [
          {
            method: 'POST',
            path: target.storePath,
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'firstName=Ada',
            onResponse: (_status, _body, context, responseHeaders) => {
              context.location = header(responseHeaders, 'location');
              context.cookie = mergeCookies(target.cookie, header(responseHeaders, 'set-cookie'));
            },
          },
          {
            method: 'GET',
            setupRequest: (request, context) => {
              const location = typeof context.location === 'string' ? context.location : target.showPath;
              const url = new URL(location, target.base);
              return {
                ...request,
                path: url.pathname + url.search,
                headers: { ...headers, cookie: String(context.cookie ?? target.cookie) },
              };
            },
          },
        ];
  const result: AutocannonResult = await autocannon({
    url: target.base,
    connections,
    duration,
    timeout: 10,
    requests,
    setupClient: honourConnectionClose,
    warmup: { connections: Math.min(connections, 64), duration: 1 },
  });
  const expected = flow === 'show' ? ['200'] : ['200', '302'];
  let unexpected = 0;
  let total = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
    total += Number(count);
    if (!expected.includes(status)) unexpected += Number(count);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    unexpected,
    total,
  };
}

/**
 * autocannon 9 ignores `Connection: close`: it writes the next request into the socket the server
 * is closing, counts an ECONNRESET, and times the next response from the lost request. Flask's
 * sync workers close every connection, so each client reconnects first instead, as wrk and
 * browsers do (the latency then includes the TCP connect). No effect on keep-alive servers.
 */
function honourConnectionClose(client: AutocannonClient): void {
  let closing = false;
  client.on('headers', (info) => {
    closing = info.shouldKeepAlive === false;
  });
  const doRequest = client._doRequest;
  client._doRequest = function (this: AutocannonClient, ...args: unknown[]) {
    if (!closing) return doRequest.apply(this, args);
    closing = false;
    this._destroyConnection();
    this._connect(); // sends the next request on the new connection
    return undefined;
  };
}

function loadRows(target: Target, flow: string, connections: number, m: Measured): Row[] {
  const table = `Load: ${flow} (${seconds} s per line, Accept-Encoding: ${encoding})`;
  const base = { bench: 'sandbox', table, subject: `${target.label} · ${connections} conn` };
  return [
    { ...base, measure: 'req/s', value: Math.round(m.rps) },
    { ...base, measure: 'p50 ms', value: m.p50 },
    { ...base, measure: 'p99 ms', value: m.p99 },
    { ...base, measure: 'requests', value: m.total },
    { ...base, measure: 'errors', value: m.errors },
    { ...base, measure: 'bad status', value: m.unexpected },
  ];
}

/** The aims for one flow at one concurrency: ratios to the peers, our p99 and our errors. */
function aimRows(flow: string, connections: number, by: Map<Target['id'], Measured>): Row[] {
  const ours = by.get('ours');
  if (!ours) return [];
  const base = {
    bench: 'sandbox',
    table: 'Ratios (req/s) and aims',
    subject: `${flow} · ${connections} conn`,
    summary: true,
  };
  const rows: Row[] = [];
  const bare = by.get('bare');
  if (bare) {
    const ratio = ours.rps / bare.rps;
    rows.push({
      ...base,
      measure: 'ours / bare express',
      value: round2(ratio),
      // Issue 9's aim is at 64 connections.
      ...(connections === 64 ? { aim: '≥ 0.80', met: ratio >= 0.8 } : {}),
    });
  }
  // Issue 9: with WORKERS=2 at 256 connections, at least Flask/gunicorn's (2 workers) throughput.
  const flask = by.get('flask');
  if (flask) {
    const ratio = ours.rps / flask.rps;
    rows.push({
      ...base,
      measure: 'ours / Flask',
      value: round2(ratio),
      ...(connections === 256 ? { aim: '≥ 1.00', met: ratio >= 1 } : {}),
    });
  }
  rows.push({
    ...base,
    measure: 'ours p99 ms',
    value: ours.p99,
    ...(connections === 256 ? { aim: '< 50 ms', met: ours.p99 < 50 } : {}),
  });
  const failed = ours.errors + ours.unexpected;
  rows.push({ ...base, measure: 'ours errors + bad status', value: failed, aim: '0', met: failed === 0 });
  return rows;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A response header, case-insensitive; the last value when repeated (except for set-cookie). */
function header(headers: Record<string, string | string[]>, name: string): string | string[] | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The Cookie header after the response's Set-Cookie headers (deletions drop the cookie). */
export function mergeCookies(cookieHeader: string, setCookie: string | string[] | undefined): string {
  const jar = new Map(
    cookieHeader
      .split(';')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const),
  );
  for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
    const pair = line.split(';')[0] ?? '';
    const name = pair.slice(0, pair.indexOf('=')).trim();
    const value = pair.slice(pair.indexOf('=') + 1).trim();
    if (value === '' || /;\s*max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
      jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** POSTs firstName=Ada to `storeUrl` and returns the Cookie header the browser would then send. */
async function sessionCookie(storeUrl: string): Promise<string> {
  const response = await fetch(storeUrl, {
    method: 'POST',
    body: new URLSearchParams({ firstName: 'Ada' }),
    redirect: 'manual',
  });
  if (response.status !== 302) {
    throw new Error(`POST ${storeUrl} answered ${response.status}, not 302: is the sandbox route there yet?`);
  }
  const cookie = mergeCookies('', response.headers.getSetCookie());
  if (!cookie.includes('session=')) throw new Error(`POST ${storeUrl} set no session cookie`);
  return cookie;
}

/** Checks that the page shows the stored name with that cookie (so we measure the real page). */
async function checkShows(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200 || !body.includes('Ada')) {
    throw new Error(`GET ${url} with the session cookie answered ${response.status} without the stored name`);
  }
}

/**
 * Starts a node server in a child process and waits for its port: ours as `npm start` runs it (with
 * WORKERS), bare through serve.ts.
 */
async function startNode(kind: 'ours' | 'bare'): Promise<Target> {
  const command = kind === 'ours' ? 'server/start.ts' : 'test/bench/serve.ts';
  const child = spawn(process.execPath, [join(root, command), ...(kind === 'bare' ? ['bare'] : [])], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LOG_REQUESTS: '0', PORT: '0', BASE_PATH: '', WORKERS: workers },
  });
  const stop = () => stopChild(child, () => (kind === 'ours' ? child.kill('SIGTERM') : child.stdin?.end()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not start within 30 s`)), 30_000);
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        // start.ts: "Session Lab is running at http://127.0.0.1:N/…"; serve.ts: {"port":N}.
        const port = kind === 'ours' ? /running at http:\/\/[^:]+:(\d+)/.exec(line)?.[1] : undefined;
        if (kind === 'bare' || port !== undefined) {
          clearTimeout(timer);
          resolve(kind === 'ours' ? Number(port) : (JSON.parse(line) as { port: number }).port);
        }
      });
      child.once('exit', (code) => reject(new Error(`serve.ts ${kind} exited (${code}) before listening`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const [showPath, storePath] =
      kind === 'ours' ? ['/sandbox/flask/', '/sandbox/flask/store'] : ['/', '/store'];
    const cookie = await sessionCookie(base + storePath);
    await checkShows(base + showPath, cookie);
    const label = kind === 'ours' ? `Session Lab (ours, WORKERS=${workers})` : 'bare express+cookie-session';
    return { id: kind, label, base, showPath, storePath, cookie, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts the Flask app under gunicorn (2 sync workers), or says why it cannot. */
async function startFlask(): Promise<Target | string> {
  const gunicorn = ['gunicorn', 'gunicorn3'].find(
    (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0,
  );
  if (!gunicorn) return 'gunicorn is not installed (apt-get install gunicorn python3-flask)';
  if (spawnSync(python, ['-c', 'import flask'], { stdio: 'ignore' }).status !== 0) {
    return `Flask is not importable by ${python} (apt-get install python3-flask)`;
  }
  const appDir = join(root, 'sandbox', 'apps');
  const port = await freePort();
  // `timeout` bounds gunicorn's life even if this process is killed before it can stop it.
  const limit = Math.ceil(seconds * 2 * connectionCounts.length * 3 + 300);
  const child = spawn(
    'timeout',
    [
      '-k',
      '5',
      String(limit),
      gunicorn,
      '--chdir',
      appDir,
      '--workers',
      '2',
      '--worker-class',
      'sync',
      '--bind',
      `127.0.0.1:${port}`,
      '--log-level',
      'error',
      'flask_app:app',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const stop = async () => {
    await stopChild(child, () => child.kill('SIGTERM'));
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/`, child, 20_000);
    const cookie = await sessionCookie(`${base}/store`);
    await checkShows(`${base}/`, cookie);
    return {
      id: 'flask',
      label: 'Flask + gunicorn (2 sync workers)',
      base,
      showPath: '/',
      storePath: '/store',
      cookie,
      stop,
    };
  } catch (error) {
    await stop();
    return `gunicorn did not serve the app: ${(error as Error).message}`;
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers, the child exits, or `ms` pass. */
async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** Asks a child to stop, kills it after 5 s, resolves when it has exited. */
function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    ask();
  });
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  console.log(
    `Each server in its own process; ${wrk ? 'wrk (2 threads) in another' : 'autocannon in this one'}. ${seconds} s per line${wrk ? '' : ' after a 1 s warm-up'}. Accept-Encoding: ${encoding}. WORKERS=${workers}.`,
  );
  const rows = await benchSandbox();
  printAllTables(rows);
  console.log(`\n${loadLine()}`);
}
