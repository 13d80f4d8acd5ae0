/**
 * When the built course site (dist/) is stale, and building it again. One rule for `npm start`, the
 * test set-up and the benchmarks, so all three agree on what "stale" means.
 */
import { type StdioOptions, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files and folders whose changes make the built site stale. The sandbox app's Python source and its
 * template are embedded in the built pages (the code view and its line marks), so they count too.
 */
export const siteSources = [
  'src',
  'lessons',
  'public',
  'astro.config.mjs',
  'package-lock.json',
  'sandbox/apps/flask_app.py',
  'sandbox/apps/templates',
];

/** Written at the end of each successful build, relative to the repository root. */
export const stampPath = join('dist', '.build-stamp');

/** The newest modification time (ms) under `path`, or 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Whether the site must be built first: no build yet, or a source changed after the last build.
 * `stampFile` is written at the end of each successful build.
 */
export function needsBuild(root: string, stampFile: string = join(root, stampPath)): boolean {
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return siteSources.some((source) => newestMtime(join(root, source)) > built);
}

export class BuildFailed extends Error {
  override name = 'BuildFailed';
}

/**
 * Runs `astro build` in `root` when the site is stale, then stamps it. Returns whether it built.
 * `output`: 'inherit' streams the build to this terminal, 'stderr' sends it to stderr (for tools
 * whose stdout is data), 'capture' keeps it for the error message (tests).
 */
export function buildIfStale(root: string, output: 'inherit' | 'stderr' | 'capture' = 'inherit'): boolean {
  if (!needsBuild(root)) return false;
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const stdio: StdioOptions =
    output === 'inherit' ? 'inherit' : output === 'stderr' ? ['ignore', 2, 2] : 'pipe';
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio, encoding: 'utf8' });
  if (build.status !== 0) {
    const captured = output === 'capture' ? `\n${build.stdout}\n${build.stderr}` : '';
    throw new BuildFailed(`the build failed; the message above names the file to fix.${captured}`);
  }
  writeFileSync(join(root, stampPath), `${new Date().toISOString()}\n`);
  return true;
}
