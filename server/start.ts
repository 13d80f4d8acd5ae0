/**
 * `npm start`: build the site when missing or stale, then serve course and sandbox: in this
 * process, or with WORKERS > 1 in that many workers under a primary (cluster-primary.ts).
 * SIGTERM/SIGINT stop it gracefully (graceful-stop.ts), and so does the end of its parent: npm runs
 * scripts through `sh -c`, which does not pass a SIGTERM on, so `kill <npm pid>` ends npm and sh
 * and leaves this process re-parented; it notices and stops rather than run on as an orphan.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BuildFailed,
  buildIfStale,
  distDirOf,
  flaskPythonOf,
  needsBuild,
  stampFileOf,
} from './build-freshness.ts';
import { runPrimary, type WorkerMessage } from './cluster-primary.ts';
import { ConfigError, readConfig, type ServerConfig } from './config.ts';
import { dataDirProblem } from './data-dir-check.ts';
import { stopLine } from './graceful-stop.ts';
import { listen, listenErrorMessage } from './listen.ts';
import { startupLines } from './startup-log.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Our parent when we started (npm's sh, a shell, systemd…), read before anything can end it. */
const parentAtStart = process.ppid;

/** Says what went wrong in one line and exits 1. */
function fail(message: string): never {
  console.error(`Session Lab: ${message}`);
  process.exit(1);
}

/** Calls `handler` once, on SIGTERM, SIGINT or when the parent process is gone. */
function onStop(handler: (reason: string) => void): void {
  let called = false;
  const once = (reason: string) => {
    if (called) return;
    called = true;
    handler(reason);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => once(signal));
  if (cluster.isPrimary) {
    setInterval(() => {
      if (process.ppid !== parentAtStart) once('its parent process ended');
    }, 500).unref();
  }
}

let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

// Once, before the (slow) build and before any worker: a DATA_DIR that refuses files stops here.
const problem = cluster.isPrimary ? await dataDirProblem(config) : undefined;
if (problem) fail(problem);

// FLASK_PYTHON too: pointing it at another interpreter packs real Flask from that one (README).
const settings = { basePath: config.basePath, courseTitle: config.courseTitle, flaskPython: flaskPythonOf() };
if (cluster.isPrimary && needsBuild(root, stampFileOf(root, settings), settings)) {
  console.log('Session Lab: building the course site (first start, or lessons or settings changed)…');
  try {
    buildIfStale(root, 'inherit', settings);
  } catch (error) {
    if (error instanceof BuildFailed) fail(error.message);
    throw error;
  }
}

if (cluster.isPrimary && config.workers > 1) {
  runPrimary(config, onStop);
} else {
  await serve(config);
}

/** Serves in this process: the only one, or one worker of several. */
async function serve(config: ServerConfig): Promise<void> {
  let serving: Awaited<ReturnType<typeof listen>>;
  try {
    serving = await listen(config, join(root, distDirOf(config.basePath)));
  } catch (error) {
    const message = listenErrorMessage(error as NodeJS.ErrnoException, config);
    // A worker leaves the saying to the primary, so the line is printed once, not once per worker.
    if (cluster.isWorker)
      process.send?.({ type: 'fail', message } satisfies WorkerMessage, () => process.exit(1));
    else fail(message);
    return;
  }
  // Stop handlers first, so a signal right after the start line is already handled.
  onStop(async (reason) => {
    const result = await serving.stopper.stop();
    if (cluster.isWorker) {
      process.send?.({ type: 'stopped', ...result } satisfies WorkerMessage, () => process.exit(0));
    } else {
      console.log(stopLine(reason, result));
      process.exit(0);
    }
  });
  if (cluster.isWorker) {
    process.send?.({ type: 'listening', port: serving.port } satisfies WorkerMessage);
  } else {
    for (const line of startupLines(config, serving.port, 1)) console.log(line);
  }
}
