/**
 * Guessing a weak key from one cookie, as an attacker would offline: the built-in lists, bounded,
 * answered as JSON `{ key, tried, perSecond, seconds }` or a small page.
 */
import type { Request, Response } from 'express';
import { anatomy, COMMON_SECRETS, guessSecret } from '../cookie-tools/index.ts';
import { httpError } from '../web/forms.ts';
import { renderPage, wantsJson } from '../web/pages.ts';
import { WEAK_KEYS } from './weak-keys.ts';

/** What the guesser tries, at most this many per request (each costs three HMAC-SHA1s). */
export const CANDIDATES: readonly string[] = [...new Set([...COMMON_SECRETS, ...WEAK_KEYS])];

/** Runs the guesser on `cookie` and answers. Throws an httpError(400) without a cookie or for one that is not Flask's. */
export function sendGuess(req: Request, res: Response, cookie: string | undefined): void {
  if (!cookie)
    throw httpError(400, 'Paste a Flask session cookie (the part after "session=") to guess its key.');
  const { verdict } = anatomy(cookie);
  if (verdict.kind === 'not-flask')
    throw httpError(
      400,
      `That is not a Flask session cookie (${verdict.reason}), so there is no signature to guess a key from.`,
    );
  const { key, tried, perSecond, seconds } = guessSecret(cookie, CANDIDATES, { limit: CANDIDATES.length });
  const result = { key: key ?? null, tried, perSecond, seconds, candidates: CANDIDATES.length };
  res.setHeader('Cache-Control', 'no-store');
  if (wantsJson(req.accepts.bind(req))) res.json(result);
  else res.type('html').send(renderPage('guess', { ...result, cookie }));
}
