import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from '../../sandbox/build-freshness.ts';

/** Builds the course site when it is missing or older than its sources, exactly as `npm start` does. */
export default function buildSite(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const stamp = join(root, 'dist', '.build-stamp');
  if (!needsBuild(root, stamp)) return;
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
