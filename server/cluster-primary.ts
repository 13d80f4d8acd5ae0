/**
 * WORKERS > 1: a primary that forks the workers (node:cluster shares the port among them) and
 * gives them one server secret, so a learner's cookies and records made by one worker open on any
 * other. It prints the start and stop lines for all of them, forwards SIGTERM/SIGINT and waits.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.ts';
import { type StopResult, stopLine } from './graceful-stop.ts';
import { startupLines } from './startup-log.ts';

/** What a worker tells the primary. */
export type WorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'fail'; message: string }
  | ({ type: 'stopped' } & StopResult);

/**
 * Runs the primary. `onStop(handler)` registers what to do on a stop signal (start.ts owns the
 * signals); the process exits once every worker has.
 */
export function runPrimary(config: ServerConfig, onStop: (handler: (reason: string) => void) => void): void {
  // Without SESSION_LAB_SECRET each process would make its own; one for all keeps records valid across workers.
  const secret = config.serverSecret ?? randomBytes(32).toString('base64url');
  const live = new Set<Worker>();
  const totals: StopResult = { answered: 0, cut: 0, atDeadline: false };
  let listening = 0;
  let ready = false;
  let stopping: string | undefined;
  let failed = false;
  /** When workers were replaced lately: a worker that keeps dying is a bug to fix, not to retry forever. */
  const restarts: number[] = [];

  const fork = () => live.add(cluster.fork({ SESSION_LAB_SECRET: secret }));
  const stopAll = (signal: NodeJS.Signals) => {
    for (const worker of live) worker.process.kill(signal);
  };

  cluster.on('message', (_worker, message: WorkerMessage) => {
    if (message.type === 'listening' && !ready && ++listening === config.workers) {
      ready = true;
      for (const line of startupLines(config, message.port, config.workers)) console.log(line);
    } else if (message.type === 'fail' && !failed) {
      // The first worker's reason (all would say the same), then stop the others.
      failed = true;
      console.error(`Session Lab: ${message.message}`);
      stopAll('SIGTERM');
    } else if (message.type === 'stopped') {
      totals.answered += message.answered;
      totals.cut += message.cut;
      totals.atDeadline ||= message.atDeadline;
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    if (!failed && stopping === undefined) {
      if (!ready) {
        failed = true;
        console.error(`Session Lab: a worker stopped while starting (${signal ?? `exit code ${code}`}).`);
        stopAll('SIGTERM');
      } else if (restarts.push(Date.now()) > 5 && Date.now() - (restarts.shift() as number) < 60_000) {
        failed = true;
        console.error(
          'Session Lab: workers keep stopping (6 in a minute), so the server stops. The log above says why.',
        );
        stopAll('SIGTERM');
      } else {
        console.error(
          `Session Lab: worker ${worker.id} stopped (${signal ?? `exit code ${code}`}); starting another.`,
        );
        fork();
      }
    }
    if (live.size > 0) return;
    if (failed) process.exit(1);
    if (stopping !== undefined) {
      console.log(stopLine(stopping, totals));
      process.exit(0);
    }
  });

  onStop((reason) => {
    if (stopping !== undefined || failed) return;
    stopping = reason;
    stopAll('SIGTERM');
  });

  for (let i = 0; i < config.workers; i++) fork();
}
