/**
 * Runs in a worker thread of the guess pool (guess-pool.ts): one guess over the built-in list, so
 * its ~20 ms of HMACs never hold up the main event loop that serves page views.
 */
import { type GuessResult, guessSecret } from '../cookie-tools/index.ts';
import { CANDIDATES } from './guess-candidates.ts';

export default function guess({ cookie }: { cookie: string }): GuessResult {
  return guessSecret(cookie, CANDIDATES, { limit: CANDIDATES.length });
}
