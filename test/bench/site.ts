import { fileURLToPath } from 'node:url';
import { buildIfStale, needsBuild } from '../../server/build-freshness.ts';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the course site when it is missing or stale, as `npm start` does (build output goes to stderr). */
export function ensureSiteBuilt(): void {
  if (needsBuild(root)) console.error('Building the course site (missing or older than its sources)…');
  buildIfStale(root, 'stderr');
}
