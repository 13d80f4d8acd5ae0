import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files and folders whose changes make the built site stale. */
export const siteSources = ['src', 'lessons', 'public', 'astro.config.mjs', 'package-lock.json'];

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
 * Whether `npm start` must build first: no build yet, or a source changed after the last build.
 * `stampFile` is written at the end of each successful build.
 */
export function needsBuild(root: string, stampFile: string): boolean {
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return siteSources.some((source) => newestMtime(join(root, source)) > built);
}
