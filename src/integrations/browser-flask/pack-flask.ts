import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./pack_flask.py', import.meta.url));

export type PackedFlask =
  | { ok: true; file: string; bytes: number; versions: Record<string, string> }
  | { ok: false; why: string };

/**
 * Packs Flask and its pure-Python dependencies from `python` into `outDir/flask-<hash>.zip`
 * (pack_flask.py does the packing; this names the zip by its content).
 */
export function packFlask(python: string, outDir: string): PackedFlask {
  const temporary = join(outDir, 'flask.zip.part');
  const run = spawnSync(python, [script, temporary], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) return { ok: false, why: couldNotRun(python, run.error) };
  const answer = lastJsonLine(run.stdout);
  if (run.status !== 0 || !answer) {
    rmSync(temporary, { force: true });
    const detail = run.stderr.trim().split('\n').at(-1) ?? '';
    return { ok: false, why: `${python} could not pack Flask${detail ? ` (${detail})` : ''}` };
  }
  if (!answer.ok) {
    rmSync(temporary, { force: true });
    return { ok: false, why: answer.why };
  }
  const content = readFileSync(temporary);
  const file = `flask-${createHash('sha256').update(content).digest('hex').slice(0, 12)}.zip`;
  renameSync(temporary, join(outDir, file));
  return { ok: true, file, bytes: content.byteLength, versions: answer.versions };
}

/** Why `python` did not start: most often it is not there (ENOENT), else the system's reason. */
function couldNotRun(python: string, error: Error & { code?: string }): string {
  if (error.code === 'ENOENT') return `${python} was not found`;
  if (error.code === 'ETIMEDOUT') return `${python} did not finish packing Flask within a minute`;
  return `${python} could not be run (${error.code ?? error.message})`;
}

type Answer = { ok: true; versions: Record<string, string> } | { ok: false; why: string };

function lastJsonLine(stdout: string): Answer | undefined {
  const line = stdout.trim().split('\n').at(-1);
  try {
    return line ? (JSON.parse(line) as Answer) : undefined;
  } catch {
    return undefined;
  }
}
