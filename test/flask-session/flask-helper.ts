/**
 * Talks to test/python/flask_session_helper.py (the real Flask) over JSON lines, under each of the
 * machine's Flasks. Requests and answers are read and written with Python's number rules (3.0 a
 * float, NaN allowed), so numbers cross unchanged.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { conventionJson } from '../../sandbox/cookie-tools/convention-json.ts';
import type { FlaskVersion } from '../../sandbox/flask-session/flask-version.ts';
import { parsePythonJson } from '../../sandbox/flask-session/json-parse.ts';
import { setKey } from '../../sandbox/flask-session/values.ts';

/** A Python with Flask on this machine, and the Flask line the engine follows for it. */
export interface FlaskPython {
  python: string;
  version: FlaskVersion;
}

/**
 * The machine's own python3 has Flask 3.1 (or FLASK31_PYTHON names one that has, as .ci/run sets
 * on a plain Debian); Debian's /usr/bin/python3 has Flask 2.2 (python3-flask).
 */
export const FLASK_PYTHONS: readonly FlaskPython[] = [
  { python: process.env.FLASK31_PYTHON || 'python3', version: '3.1' },
  { python: '/usr/bin/python3', version: '2.2' },
];

/** In CI (`REQUIRE_FLASK=1`, set by .ci/run) a missing Flask fails the run instead of skipping. */
export const REQUIRE_FLASK = process.env.REQUIRE_FLASK === '1';

/** Why this Python cannot run the live tests (no Flask, or another release line), or undefined. */
export function flaskUnavailable({ python, version }: FlaskPython): string | undefined {
  const probe = spawnSync(python, ['-c', 'import importlib.metadata as m; print(m.version("flask"))'], {
    encoding: 'utf8',
  });
  if (probe.error) return `${python} not found (${probe.error.message})`;
  if (probe.status !== 0)
    return `${python} cannot import flask (pip install flask / apt-get install python3-flask)`;
  const found = probe.stdout.trim();
  if (!found.startsWith(`${version}.`)) return `${python} has Flask ${found}, not ${version}`;
  return undefined;
}

/** Python json text to plain data: objects as records, numbers as Python reads them. */
export function parsePythonAnswer(line: string): Record<string, unknown> {
  return parsePythonJson(line, (object) => {
    const record = {};
    for (const [key, value] of object) setKey(record, key, value as never);
    return record;
  }) as Record<string, unknown>;
}

/** A running helper process. */
export interface FlaskHelper {
  ask(request: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

/** Starts the helper under `python`; answers come back in request order. */
export function startFlaskHelper(python: string): FlaskHelper {
  const child: ChildProcessWithoutNullStreams = spawn(
    python,
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
          const answer = parsePythonAnswer(line);
          if (answer.helper_error) reject(new Error(`flask helper: ${answer.helper_error} ${stderr}`));
          else resolve(answer);
        });
        child.stdin.write(`${conventionJson(request)}\n`);
      });
    },
    close() {
      child.stdin.end();
    },
  };
}
