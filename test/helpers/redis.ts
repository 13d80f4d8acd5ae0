/**
 * A real Redis for the tests: Debian's `redis-server` on a free 127.0.0.1 port, with no persistence
 * (nothing written to disk), stopped after. `stop()` and `start()` again on the same port let a test
 * take the store down mid-run and bring it back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { isListening, waitUntil } from './process.ts';

export const redisServerPath = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

export interface RunningRedis {
  port: number;
  url: string;
  /** Starts the server again (after `stop()`) on the same port, empty. */
  start: () => Promise<void>;
  /** Stops the server and waits until it has exited. */
  stop: () => Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open but nothing answers, as with a hung Redis. */
  freeze: () => void;
  /** Lets a frozen server run again (SIGCONT). */
  thaw: () => void;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      redisServerPath,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'],
      { stdio: 'ignore' },
    );
    child = started;
    const exited = new Promise((resolve) => started.once('exit', resolve));
    await Promise.race([
      waitUntil(() => isListening(port)),
      exited.then(() => {
        throw new Error(`redis-server exited before listening on ${port}`);
      }),
    ]);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
  };
}
