/**
 * The learner's app under real CPython Flask, for tests: test/python/wsgi_app_server.py loads the
 * given files and answers each WsgiRequest, so a code task's `send` talks to real Flask, as it does
 * in the browser through Pyodide.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FlaskFiles, WsgiRequest, WsgiResponse } from '../../src/lib/pyflask/types.ts';

const helper = new URL('../python/wsgi_app_server.py', import.meta.url).pathname;

export interface RealFlaskApp {
  send: (request: WsgiRequest) => Promise<WsgiResponse>;
  stop: () => void;
}

/** Starts real Flask on `files`; rejects with Python's traceback when the app does not import. */
export async function startRealFlask(
  files: FlaskFiles,
  python = process.env.FLASK_PYTHON || 'python3',
): Promise<RealFlaskApp> {
  const child: ChildProcessWithoutNullStreams = spawn(python, [helper], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // One request at a time: answers come back in order, one line each.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (message: unknown): Promise<unknown> => {
    const next = queue.then(async () => {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      const line = await lines.next();
      if (line.done) throw new Error(`real Flask stopped: ${stderr}`);
      return JSON.parse(line.value);
    });
    queue = next.catch(() => undefined);
    return next;
  };
  const loaded = (await ask({ files })) as { ok: boolean; error?: string };
  if (!loaded.ok) {
    child.kill();
    throw new Error(loaded.error);
  }
  return {
    send: (request) => ask(request) as Promise<WsgiResponse>,
    stop: () => child.kill(),
  };
}
