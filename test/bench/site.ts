import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from '../../sandbox/build-freshness.ts';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the course site when it is missing or stale, as `npm start` does (build output goes to stderr). */
export function ensureSiteBuilt(): void {
  const stamp = join(root, 'dist', '.build-stamp');
  if (!needsBuild(root, stamp)) return;
  console.error('Building the course site (missing or older than its sources)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('astro build failed; the output above names the file to fix.');
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
