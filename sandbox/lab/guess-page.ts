/**
 * Guessing a weak key from one cookie, as an attacker would offline: the built-in lists, bounded,
 * run in a worker thread, answered as JSON `{ key, tried, perSecond, seconds }` or a small page.
 */
import type { Request, Response } from 'express';
import type { GuessAnswer } from '../contract/tool-answers.ts';
import { anatomy } from '../cookie-tools/index.ts';
import { httpError } from '../web/forms.ts';
import { renderPage, wantsJson } from '../web/pages.ts';
import { CANDIDATES } from './guess-candidates.ts';
import { GuessQueueFull, guessInPool } from './guess-pool.ts';

export { CANDIDATES } from './guess-candidates.ts';

/** Seconds a client is told to wait when every guessing thread is busy and the queue is full. */
const BUSY_RETRY_SECONDS = 5;

/**
 * Runs the guesser on `cookie` and answers. Throws httpError(400) without a cookie or for one that
 * is not Flask's, httpError(429) with Retry-After when the guess queue is full.
 */
export async function sendGuess(req: Request, res: Response, cookie: string | undefined): Promise<void> {
  if (!cookie)
    throw httpError(400, 'Paste a Flask session cookie (the part after "session=") to guess its key.');
  // Only the shape matters here; the payload is never opened past the inflate cap.
  const { verdict } = anatomy(cookie);
  if (verdict.kind === 'not-flask')
    throw httpError(
      400,
      `That is not a Flask session cookie (${verdict.reason}), so there is no signature to guess a key from.`,
    );
  let found: Awaited<ReturnType<typeof guessInPool>>;
  try {
    found = await guessInPool(cookie);
  } catch (error) {
    if (!(error instanceof GuessQueueFull)) throw error;
    res.setHeader('Retry-After', String(BUSY_RETRY_SECONDS));
    throw httpError(
      429,
      `The key guesser is busy with other learners' guesses. Please try again in ${BUSY_RETRY_SECONDS} seconds.`,
    );
  }
  const { key, tried, perSecond, seconds } = found;
  const result: GuessAnswer = { key: key ?? null, tried, perSecond, seconds, candidates: CANDIDATES.length };
  res.setHeader('Cache-Control', 'no-store');
  if (wantsJson(req.accepts.bind(req))) res.json(result);
  else res.type('html').send(renderPage('guess', { ...result, cookie }));
}
