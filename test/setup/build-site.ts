import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../sandbox/server/build-freshness.ts';

/** Builds the course site when it is missing or older than its sources, exactly as `npm start` does. */
export default function buildSite(): void {
  buildIfStale(fileURLToPath(new URL('../..', import.meta.url)), 'capture');
}
