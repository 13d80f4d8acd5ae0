/** Guessing reads the session cookie the browser sends here (or a pasted one) and shows a result page. */
import { readCookie } from '../../web/cookies.ts';
import { optionalField } from '../../web/forms.ts';
import { MAX_COOKIE_INPUT } from '../cookie-input.ts';
import { sendGuess } from '../guess-page.ts';
import { startLab } from '../respond.ts';
import type { LabKit } from './kit.ts';

export function guessExperiment({ router }: LabKit): void {
  router.post('/guess', (req, res) => {
    startLab(res, 'guess', 'The sandbox tried the built-in list of weak keys against your cookie.');
    return sendGuess(req, res, optionalField(req, 'cookie', MAX_COOKIE_INPUT) || readCookie(req, 'session'));
  });
}
