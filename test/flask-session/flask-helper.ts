/** Talks to test/python/flask_session_helper.py (the real Flask) over JSON lines. */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

export const PYTHON = '/usr/bin/python3';

/** Why the live Flask tests cannot run here, or undefined when they can. */
export function flaskUnavailable(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import flask'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import flask (apt-get install -y python3-flask)`;
  return undefined;
}

/** A running helper process. */
export interface FlaskHelper {
  ask(request: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

/** Starts the helper; answers come back in request order. */
export function startFlaskHelper(): FlaskHelper {
  const child: ChildProcessWithoutNullStreams = spawn(
    PYTHON,
    [new URL('../python/flask_session_helper.py', import.meta.url).pathname],
    { stdio: 'pipe' },
  );
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return {
    ask(request) {
      return new Promise((resolve, reject) => {
        waiting.push((line) => {
          const answer = JSON.parse(line) as Record<string, unknown>;
          if (answer.helper_error) reject(new Error(`flask helper: ${answer.helper_error} ${stderr}`));
          else resolve(answer);
        });
        child.stdin.write(`${JSON.stringify(request)}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}
