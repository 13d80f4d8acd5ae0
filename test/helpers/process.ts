/**
 * Test helpers for Session Lab as a real process (`node server/start.ts` or `npm start`):
 * start it, read its output line by line, wait for a line, stop it, and look at processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A secret long enough for SESSION_LAB_SECRET. */
export const testSecret = 'a-test-server-secret-of-32-characters';

export interface StartedProcess {
  child: ChildProcess;
  /** Every line so far, stdout and stderr together, in order. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already printed or still to come). */
  waitForLine: (pattern: RegExp) => Promise<string>;
  /** Resolves once every line matching `pattern` counts `count`. */
  waitForLines: (pattern: RegExp, count: number) => Promise<string[]>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command` (default: node server/start.ts) in the repository with extra environment. */
export function startProcess(
  env: NodeJS.ProcessEnv,
  command: [string, ...string[]] = [process.execPath, 'server/start.ts'],
): StartedProcess {
  const [file, ...args] = command;
  const child = spawn(file, args, {
    cwd: root,
    env: {
      ...process.env,
      // The defaults, whatever this shell sets, unless the test says otherwise.
      ...{ BASE_PATH: '', COURSE_TITLE: '', WORKERS: '', TRUST_PROXY: '', HOST: '', SANDBOX_SECRET_KEY: '' },
      LOG_REQUESTS: '0',
      SESSION_LAB_SECRET: testSecret,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const onText = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      for (const wake of waiters.splice(0)) wake();
    });
  };
  onText(child.stdout as NodeJS.ReadableStream);
  onText(child.stderr as NodeJS.ReadableStream);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      // Let the last output arrive first.
      setImmediate(() => {
        resolve({ code, signal });
        for (const wake of waiters.splice(0)) wake();
      });
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });

  const waitForLines = (pattern: RegExp, count: number) =>
    new Promise<string[]>((resolve, reject) => {
      const check = () => {
        const found = lines.filter((line) => pattern.test(line));
        if (found.length >= count) resolve(found);
        else if (done) reject(new Error(`exited before printing ${pattern}; output:\n${lines.join('\n')}`));
        else waiters.push(check);
      };
      check();
    });
  return {
    child,
    lines,
    waitForLine: async (pattern) => (await waitForLines(pattern, 1))[0] as string,
    waitForLines,
    exited,
  };
}

/** The base URL a started server prints ("… is running at http://127.0.0.1:N/…"). */
export async function urlOf(started: StartedProcess): Promise<string> {
  const line = await started.waitForLine(/is running at http:\/\//);
  return (line.match(/http:\/\/[^\s/]+/) as RegExpMatchArray)[0];
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until `condition()` holds, checking every 50 ms (the test's own timeout bounds it). */
export async function waitUntil(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Whether process `pid` still exists (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Every process below `pid` (children, their children, …), from /proc. */
export function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [child, parent] of parentOf) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
