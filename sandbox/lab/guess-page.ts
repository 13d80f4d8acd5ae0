/**
 * Guessing a weak key from one cookie, as an attacker would offline: the built-in lists, bounded,
 * answered as JSON `{ key, tried, perSecond, seconds }` or a small page.
 */
import type { Request, Response } from 'express';
import { HttpError } from '../apps/forms.ts';
import { renderPage, wantsJson } from '../apps/pages.ts';
import { COMMON_SECRETS, guessSecret } from '../flask-session/index.ts';
import { WEAK_KEYS } from './weak-keys.ts';

/** What the guesser tries, at most this many per request (each costs three HMAC-SHA1s). */
export const CANDIDATES: readonly string[] = [...new Set([...COMMON_SECRETS, ...WEAK_KEYS])];

/** Runs the guesser on `cookie` and answers. Throws HttpError(400) without a cookie. */
export function sendGuess(req: Request, res: Response, cookie: string | undefined): void {
  if (!cookie)
    throw new HttpError(400, 'Paste a Flask session cookie (the part after "session=") to guess its key.');
  const { key, tried, perSecond, seconds } = guessSecret(cookie, CANDIDATES, { limit: CANDIDATES.length });
  const result = { key: key ?? null, tried, perSecond, seconds, candidates: CANDIDATES.length };
  res.setHeader('Cache-Control', 'no-store');
  if (wantsJson(req.accepts.bind(req))) res.json(result);
  else res.type('html').send(renderPage('guess', { ...result, cookie }));
}
