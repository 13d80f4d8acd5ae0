/**
 * Guessing off the main event loop: a small pool of worker threads (piscina) with a bounded
 * queue. A flood of guesses waits in the queue, or is turned away when it is full, while page views
 * keep the main thread to themselves.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { GuessResult } from '../cookie-tools/index.ts';

/** Guesses that may wait for a thread; one more is refused (the caller answers 429). */
export const GUESS_QUEUE_LIMIT = 64;

/** Thrown when the queue is full. */
export class GuessQueueFull extends Error {
  override name = 'GuessQueueFull';
}

let pool: Piscina | undefined;

/** One pool per process, started on the first guess: leave one core to the main thread. */
function guessPool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./guess-worker.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    maxQueue: GUESS_QUEUE_LIMIT,
    // Threads stay a while between guesses (starting one costs ~50 ms), then go.
    idleTimeout: 30_000,
  });
  return pool;
}

/** The guess for `cookie`, run in a worker thread. Rejects with GuessQueueFull when the queue is full. */
export async function guessInPool(cookie: string): Promise<GuessResult> {
  try {
    return (await guessPool().run({ cookie })) as GuessResult;
  } catch (error) {
    if (error instanceof Error && /queue is at limit|No task queue available/.test(error.message))
      throw new GuessQueueFull('The guess queue is full.');
    throw error;
  }
}
