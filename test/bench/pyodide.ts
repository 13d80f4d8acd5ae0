/**
 * `npm run bench:pyodide`: real Flask in the learner's browser, in Debian Chromium (headless) against
 * the built site served by our server on 127.0.0.1 in its own process; every request to another
 * origin is refused (a dead proxy for all but loopback) and would fail the run. The page-side runner and its worker are bundled as the site
 * bundles them (browser-flask-bundle.ts) and driven from a step page, as the Code tab's Run does.
 *
 * Each of BENCH_LOADS rounds (default 3) uses a new Chromium profile:
 * - cold: the first load, empty HTTP cache: from the runner's import to the handout's app answering GET /;
 * - warm: Chromium closed and opened again on the same profile (a second visit, HTTP cache kept),
 *   the same figure;
 * - hot: a third visit. Chromium keeps WebAssembly's compiled code only from the second compile of
 *   a cached response on (V8's code caching), so the third visit is the first to skip compiling;
 *   then BENCH_REQUESTS (default 30) each of GET / and POST /store to real Flask, and the same two
 *   requests to the server's engine (/sandbox/flask/ over HTTP, fetched by the same page): the
 *   baseline of the ratio.
 * A second baseline for the load: the same Pyodide and Flask zip started in Node in this process
 * (this machine's speed at this moment, with nothing to download).
 * Bytes are each file's Resource Timing transferSize (headers plus the body as sent, gzip or brotli),
 * in the page and in the worker; beside them, what a plain-http address (gzip only) would receive.
 * Figures only: no assertion on time. Compare ratios within one run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadPyodide } from 'pyodide';
import { packFlask } from '../../src/integrations/browser-flask/pack-flask.ts';
import { pyodideCoreFiles } from '../../src/integrations/browser-flask/pyodide-files.ts';
import type { BrowserFlaskManifest, FlaskFiles } from '../../src/lib/pyflask/types.ts';
import { startFlask } from '../../src/scripts/pyflask/flask-in-pyodide.ts';
import { chromiumFlags, chromiumPath } from '../helpers/browser.ts';
import { bundleRunner, type RunnerBundle } from './browser-flask-bundle.ts';
import { isMain, loadLine, machineInfo, printAllTables, type Row } from './report.ts';
import { ensureSiteBuilt, root } from './site.ts';

const loads = Number(process.env.BENCH_LOADS || 3);
const requestCount = Number(process.env.BENCH_REQUESTS || 30);
/** The step page the runtime is started from (the Code tab's home). */
const stepPath = '/learn/the-import/';
const runtimeDir = join(root, 'dist', 'client', '_pyodide');
const aims = { warmMs: 8000, coldMs: 15000, requestMs: 100, transferBytes: 8e6 };

type Visit = 'cold' | 'warm' | 'hot';
const visitOrder: Visit[] = ['cold', 'warm', 'hot'];
const visitLabels: Record<Visit, string> = {
  cold: 'cold (new profile, empty HTTP cache)',
  warm: 'warm (second visit, HTTP cache)',
  hot: 'hot (third visit, HTTP and code cache)',
};

/** What one load measured inside the page (ms since the runner's import started). */
interface Loaded {
  /** When each phase of the progress bar began: download (first bytes), python, flask, ready. */
  phases: Record<string, number>;
  /** The handout's app imported (load() resolved). */
  appMs: number;
  /** Its first answer to GET /: "ready to answer". */
  readyMs: number;
  firstStatus: number;
  flaskVersion: string;
}

interface Requests {
  realGet: number[];
  realPost: number[];
  serverGet: number[];
  serverPost: number[];
}

/** One response Chromium received, as its network reports it. */
interface Received {
  url: string;
  bytes: number;
  encoding: string;
  fromCache: boolean;
}

export async function benchPyodide(): Promise<Row[]> {
  ensureSiteBuilt();
  const manifest = JSON.parse(
    readFileSync(join(runtimeDir, 'manifest.json'), 'utf8'),
  ) as BrowserFlaskManifest;
  if (!manifest.ok) throw new Error(`The site was built without real Flask: ${manifest.why}`);
  console.error("… the same Pyodide and Flask zip in Node (this machine's speed, no download)");
  const built = readFileSync(join(runtimeDir, manifest.flaskZip));
  console.error('… and with Flask from its sources (the zip before bytecode), the two taking turns');
  const sources = sourceZip();
  await loadPyodide(); // compiles the wasm once, so neither of the two pays for it
  const inNodeRuns: number[] = [];
  const fromSourcesRuns: number[] = [];
  for (let turn = 0; turn < 3; turn++) {
    inNodeRuns.push(await startInNode(built));
    fromSourcesRuns.push(await startInNode(sources));
  }
  const inNode = median(inNodeRuns);
  const fromSources = median(fromSourcesRuns);
  const bundle = await bundleRunner();
  const server = await startServer();
  const rows: Row[] = [];
  try {
    const measured: Record<Visit, { loaded: Loaded; received: Received[] }>[] = [];
    let requests: Requests = { realGet: [], realPost: [], serverGet: [], serverPost: [] };
    for (let round = 1; round <= loads; round++) {
      const profile = mkdtempSync(join(tmpdir(), 'session-lab-bench-chromium-'));
      try {
        const visits = {} as Record<Visit, { loaded: Loaded; received: Received[] }>;
        for (const visit of visitOrder) {
          console.error(`… round ${round}/${loads}: ${visitLabels[visit]}`);
          const { result, received } = await inBrowser(profile, server.url, async (page) => {
            const loaded = await startRealFlask(page, bundle);
            if (round === loads && visit === 'hot') requests = await timeRequests(page);
            return loaded;
          });
          visits[visit] = { loaded: result, received };
        }
        measured.push(visits);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
    rows.push(
      ...loadRows(measured, inNode, fromSources),
      ...requestRows(requests),
      ...transferRows(measured, gzipOnlyBytes(manifest)),
    );
  } finally {
    await server.stop();
    bundle.remove();
  }
  return rows;
}

/** Opens Chromium on `profile`, the step page in it, runs `work`, and records what the network received. */
async function inBrowser<T>(
  profile: string,
  origin: string,
  work: (page: Page) => Promise<T>,
): Promise<{ result: T; received: Received[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // Off-origin requests are refused by a proxy that is not there (loopback bypasses proxies), not by
    // Playwright's routing: routing turns Chromium's HTTP cache off, and the warm load needs it.
    args: [...chromiumFlags, '--proxy-server=http://127.0.0.1:9'],
    viewport: { width: 1366, height: 900 },
  });
  const elsewhere: string[] = [];
  try {
    context.on('request', (request) => {
      if (new URL(request.url()).origin !== origin) elsewhere.push(request.url());
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const encodings = recordEncodings(context);
    await page.goto(origin + stepPath, { waitUntil: 'load' });
    const result = await work(page);
    const received = await receivedBy(page, encodings);
    if (elsewhere.length > 0) throw new Error(`requests left the site's origin: ${elsewhere.join(', ')}`);
    return { result, received };
  } finally {
    await context.close();
  }
}

/** Content-Encoding by URL, from every response Playwright sees (the worker's included, when it reports them). */
function recordEncodings(context: BrowserContext): Map<string, string> {
  const encodings = new Map<string, string>();
  context.on('response', (response) => {
    encodings.set(response.url(), response.headers()['content-encoding'] ?? 'identity');
  });
  return encodings;
}

type Timed = { url: string; transfer: number; encoded: number; decoded: number };

/**
 * What the page and its Web Worker received, from each one's Resource Timing: transferSize is the
 * headers plus the body as sent (0 when it came from the HTTP cache), for the page's own files and
 * for Pyodide's (fetched by the worker, a target the DevTools session of the page does not see).
 */
async function receivedBy(page: Page, encodings: Map<string, string>): Promise<Received[]> {
  const entries = () =>
    performance.getEntriesByType('resource').map((entry) => {
      const timing = entry as PerformanceResourceTiming;
      return {
        url: timing.name,
        transfer: timing.transferSize,
        encoded: timing.encodedBodySize,
        decoded: timing.decodedBodySize,
      };
    });
  const timed: Timed[] = await page.evaluate(() =>
    (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]).map((entry) => ({
      url: entry.name,
      transfer: entry.transferSize,
      encoded: entry.encodedBodySize,
      decoded: entry.decodedBodySize,
    })),
  );
  timed.push(...(await page.evaluate(entries)));
  for (const worker of page.workers()) timed.push(...(await worker.evaluate(entries)));
  return timed.map((t) => ({
    url: t.url,
    bytes: t.transfer,
    encoding: encodings.get(t.url) ?? (t.encoded > 0 && t.encoded < t.decoded ? 'compressed' : 'identity'),
    fromCache: t.transfer === 0 && t.decoded > 0,
  }));
}

/** In the page: imports the runner, starts real Flask, imports the handout's app and asks GET /. */
async function startRealFlask(page: Page, bundle: RunnerBundle): Promise<Loaded> {
  return page.evaluate(
    async ({ runnerUrl, files }) => {
      const started = performance.now();
      const since = () => Math.round(performance.now() - started);
      const phases: Record<string, number> = {};
      let flaskVersion = '';
      // biome-ignore lint/suspicious/noExplicitAny: the bundle is loaded at run time, in the page.
      const { BrowserFlask } = (await import(runnerUrl)) as any;
      const flask = new BrowserFlask({
        manifestUrl: '/_pyodide/manifest.json',
        // A loaded machine must not turn a slow first import into a "timeout".
        timeoutMs: 60_000,
        onProgress: (progress: { phase: string; flaskVersion?: string }) => {
          phases[progress.phase] ??= since();
          if (progress.phase === 'ready') flaskVersion = progress.flaskVersion ?? '';
        },
      });
      await flask.load(files);
      const appMs = since();
      const first = await flask.request({ method: 'GET', path: '/', headers: [] });
      const readyMs = since();
      (window as unknown as { benchFlask: unknown }).benchFlask = flask;
      return { phases, appMs, readyMs, firstStatus: first.status as number, flaskVersion };
    },
    { runnerUrl: bundle.url, files: handoutFiles() },
  );
}

/** In the page: GET / and POST /store, to real Flask in the worker and to the server's engine. */
async function timeRequests(page: Page): Promise<Requests> {
  console.error(`… ${requestCount} × GET / and POST /store, real Flask and the server's engine`);
  const times = await page.evaluate(async (count) => {
    type Answer = { status: number; headers: [string, string][]; body: string };
    const flask = (
      window as unknown as {
        benchFlask: {
          request: (r: {
            method: string;
            path: string;
            headers: [string, string][];
            body?: string;
          }) => Promise<Answer>;
        };
      }
    ).benchFlask;
    const form: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
    const timed = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
      const start = performance.now();
      const value = await run();
      return [performance.now() - start, value];
    };
    const result = {
      realGet: [] as number[],
      realPost: [] as number[],
      serverGet: [] as number[],
      serverPost: [] as number[],
    };
    let cookie = '';
    for (let i = 0; i < count; i++) {
      const [postMs, stored] = await timed(() =>
        flask.request({ method: 'POST', path: '/store', headers: [form], body: `firstName=Ada${i}` }),
      );
      const setCookie = stored.headers.find(([name]) => name.toLowerCase() === 'set-cookie')?.[1] ?? '';
      cookie = setCookie.split(';')[0] ?? cookie;
      if (stored.status !== 302) throw new Error(`real Flask answered POST /store with ${stored.status}`);
      const [getMs, shown] = await timed(() =>
        flask.request({ method: 'GET', path: '/', headers: [['Cookie', cookie]] }),
      );
      if (!shown.body.includes(`Ada${i}`)) throw new Error('real Flask did not show the stored name');
      result.realPost.push(postMs);
      result.realGet.push(getMs);
    }
    for (let i = 0; i < count; i++) {
      const [postMs, stored] = await timed(async () => {
        const res = await fetch('/sandbox/flask/store', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `firstName=Ada${i}`,
          redirect: 'manual',
        });
        await res.arrayBuffer();
        return res;
      });
      // A manual redirect is opaque to the page: type 'opaqueredirect', status 0.
      if (stored.type !== 'opaqueredirect' && stored.status !== 302)
        throw new Error(`the server answered POST /store with ${stored.status}`);
      const [getMs, shown] = await timed(async () => (await fetch('/sandbox/flask/')).text());
      if (!shown.includes(`Ada${i}`)) throw new Error("the server's engine did not show the stored name");
      result.serverPost.push(postMs);
      result.serverGet.push(getMs);
    }
    return result;
  }, requestCount);
  return times;
}

/**
 * The baseline for the load: the same Pyodide (node_modules) and a Flask zip started in Node in this
 * process, with the bridge the worker runs; nothing to download.
 */
async function startInNode(zip: Buffer): Promise<number> {
  const started = performance.now();
  const pyodide = await loadPyodide();
  const bridge = readFileSync(join(root, 'src', 'scripts', 'pyflask', 'bridge.py'), 'utf8');
  const flask = startFlask(pyodide, new Uint8Array(zip).buffer, bridge);
  const failed = flask.load(handoutFiles());
  if (failed) throw new Error(`the handout's app did not import in Node: ${failed.message}`);
  const answer = flask.request({ method: 'GET', path: '/', headers: [] });
  if (!('status' in answer) || answer.status !== 200)
    throw new Error('the handout app did not answer GET / in Node');
  return Math.round(performance.now() - started);
}

/**
 * What a browser that accepts gzip but not brotli receives: Chromium asks for brotli only from
 * secure origins (HTTPS, localhost, 127.0.0.1), so a classroom's plain-http address gets gzip.
 */
/** Flask packed from the same Python as the build, as sources: what the build shipped before bytecode. */
function sourceZip(): Buffer {
  const outDir = mkdtempSync(join(tmpdir(), 'session-lab-bench-flask-'));
  try {
    const packed = packFlask(process.env.FLASK_PYTHON || 'python3', outDir);
    if (!packed.ok) throw new Error(packed.why);
    return readFileSync(join(outDir, packed.file));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function gzipOnlyBytes(manifest: Extract<BrowserFlaskManifest, { ok: true }>): number {
  const files = [manifest.flaskZip, ...pyodideCoreFiles.map((file) => manifest.pyodideDir + file)];
  return files.reduce((sum, file) => {
    const gz = join(runtimeDir, `${file}.gz`);
    return sum + statSync(existsSync(gz) ? gz : join(runtimeDir, file)).size;
  }, 0);
}

function handoutFiles(): FlaskFiles {
  const read = (path: string) => readFileSync(join(root, 'sandbox', 'apps', path), 'utf8');
  return {
    'flask_app.py': read('flask_app.py'),
    'templates/index.html': read('templates/index.html'),
    'templates/members.html': read('templates/members.html'),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function loadRows(
  measured: Record<Visit, { loaded: Loaded }>[],
  inNodeMs: number,
  fromSourcesMs: number,
): Row[] {
  const table = `Ready to answer (ms from the runner's import; median of ${measured.length} rounds)`;
  const rows: Row[] = [];
  const readyOf = (visit: Visit) => median(measured.map((m) => m[visit].loaded.readyMs));
  for (const visit of visitOrder) {
    const loadsOfVisit = measured.map((m) => m[visit].loaded);
    const phase = (name: string) => median(loadsOfVisit.map((l) => l.phases[name] ?? Number.NaN));
    const ready = readyOf(visit);
    const aim = visit === 'cold' ? aims.coldMs : aims.warmMs;
    const base = { bench: 'pyodide', table, subject: visitLabels[visit] };
    rows.push(
      { ...base, measure: 'Pyodide up (python)', value: phase('python') },
      { ...base, measure: 'Flask imported (ready)', value: phase('ready') },
      { ...base, measure: "handout's app imported", value: median(loadsOfVisit.map((l) => l.appMs)) },
      {
        ...base,
        measure: 'first GET / answered',
        value: ready,
        aim: `≤ ${aim / 1000} s`,
        met: ready <= aim,
        summary: true,
      },
      { ...base, measure: 'each round', value: loadsOfVisit.map((l) => l.readyMs).join(' · ') },
      { ...base, measure: '/ Node', value: Number((ready / inNodeMs).toFixed(2)) },
    );
  }
  const node = {
    bench: 'pyodide',
    table,
    subject: 'baseline: Node, same Pyodide, no download (median of 3)',
  };
  rows.push({ ...node, measure: 'first GET / answered', value: inNodeMs });
  const sources = {
    bench: 'pyodide',
    table,
    subject: 'baseline: Node, Flask from sources, no bytecode (median of 3)',
  };
  rows.push(
    { ...sources, measure: 'first GET / answered', value: fromSourcesMs },
    { ...sources, measure: 'bytecode / sources', value: Number((inNodeMs / fromSourcesMs).toFixed(2)) },
  );
  const flask = measured[0]?.cold.loaded.flaskVersion;
  if (flask)
    rows.push({ bench: 'pyodide', table, subject: visitLabels.cold, measure: 'Flask', value: flask });
  return rows;
}

function requestRows(requests: Requests): Row[] {
  const table = `Later requests (ms per request, median of ${requestCount}; the page's own clock)`;
  const rows: Row[] = [];
  for (const [label, real, server] of [
    ['GET /', requests.realGet, requests.serverGet],
    ['POST /store', requests.realPost, requests.serverPost],
  ] as const) {
    const realMs = median(real);
    const serverMs = median(server);
    const base = { bench: 'pyodide', table, subject: label };
    rows.push(
      {
        ...base,
        measure: 'real Flask (worker)',
        value: round1(realMs),
        aim: `≤ ${aims.requestMs} ms`,
        met: realMs <= aims.requestMs,
        summary: true,
      },
      { ...base, measure: 'p90 real Flask', value: round1(percentile(real, 0.9)) },
      { ...base, measure: "server's engine (HTTP)", value: round1(serverMs) },
      { ...base, measure: 'real / server', value: Number((realMs / serverMs).toFixed(2)) },
    );
  }
  return rows;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function transferRows(measured: Record<Visit, { received: Received[] }>[], gzipOnly: number): Row[] {
  const table =
    "Bytes received for real Flask (headers + body as sent; first round; the step page's own not counted)";
  const first = measured[0];
  if (!first) return [];
  const rows: Row[] = [];
  for (const visit of visitOrder) {
    const runtime = first[visit].received.filter((r) => isRuntime(r.url));
    const runtimeBytes = runtime.reduce((sum, r) => sum + r.bytes, 0);
    const base = { bench: 'pyodide', table, subject: visit };
    rows.push(
      {
        ...base,
        measure: 'real Flask',
        value: runtimeBytes,
        ...(visit === 'cold'
          ? {
              aim: `≤ ${aims.transferBytes / 1e6} MB`,
              met: runtimeBytes <= aims.transferBytes,
              summary: true,
            }
          : {}),
      },
      { ...base, measure: 'files from cache', value: runtime.filter((r) => r.fromCache).length },
      { ...base, measure: 'files', value: runtime.length },
    );
  }
  rows.push({
    bench: 'pyodide',
    table,
    subject: 'cold over plain http (gzip, from the build)',
    measure: 'real Flask',
    value: gzipOnly,
    aim: `≤ ${aims.transferBytes / 1e6} MB`,
    met: gzipOnly <= aims.transferBytes,
    summary: true,
  });
  const fileTable = 'Real Flask files, cold (bytes received, encoding)';
  for (const r of first.cold.received.filter((r) => isRuntime(r.url))) {
    const subject = new URL(r.url).pathname.replace(/^.*\//, '');
    rows.push(
      { bench: 'pyodide', table: fileTable, subject, measure: 'bytes', value: r.bytes },
      { bench: 'pyodide', table: fileTable, subject, measure: 'encoding', value: r.encoding },
    );
  }
  return rows;
}

function isRuntime(url: string): boolean {
  const path = new URL(url).pathname;
  return path.startsWith('/_pyodide/') || path.startsWith('/_astro/bench-pyodide/');
}

/** Our server as `npm start` serves it, in its own process (test/bench/serve.ts), on 127.0.0.1. */
async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'test', 'bench', 'serve.ts'), 'ours'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LOG_REQUESTS: '0', BASE_PATH: '' },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin?.end();
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.ts did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`serve.ts exited (${code}) before listening`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, stop };
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  printAllTables(await benchPyodide());
  console.log(loadLine());
}
