/**
 * Cookie tools at /sandbox/api: decode any Flask cookie (decoding and verifying reported apart:
 * anyone can decode, only the key can verify) and guess a weak key. JSON or a small page.
 * A key travels only in a POST body: URLs end up in proxy logs, browser history and Referer headers.
 */
import { type Request, type Response, Router } from 'express';
import type { DecodeAnswer } from '../contract/tool-answers.ts';
import { anatomy, anatomyView, describeVerdict } from '../cookie-tools/index.ts';
import { MAX_KEY_LENGTH } from '../lab-settings/lab-settings.ts';
import { formParser, httpError, MAX_FIELD_LENGTH, textField } from '../web/forms.ts';
import { pageOf, renderPage, wantsJson } from '../web/pages.ts';
import { MAX_COOKIE_INPUT, pastedCookieValue } from './cookie-input.ts';
import { sendGuess } from './guess-page.ts';

/** Builds the API router. */
export function createApiRouter({ bodyLimit, now }: { bodyLimit: number; now: () => number }): Router {
  const router = Router();
  router.use(formParser(bodyLimit));

  const decode = (req: Request, res: Response) => {
    const source = req.method === 'GET' ? req.query : req.body;
    if (req.method === 'GET' && textField(req.query, 'secretKey', MAX_KEY_LENGTH) !== undefined) {
      throw httpError(
        400,
        'Send the secret key in the form (POST), not in the address: addresses are kept in browser history and server logs. Nothing was decoded.',
      );
    }
    const pasted = textField(source, 'cookie', MAX_FIELD_LENGTH);
    const cookie = pasted === undefined ? undefined : pastedCookieValue(pasted);
    const secretKey = textField(source, 'secretKey', MAX_KEY_LENGTH) || undefined;
    const json = wantsJson(req.accepts.bind(req));
    const back = returnPath(textField(source, 'return', MAX_RETURN_LENGTH));
    res.setHeader('Cache-Control', 'no-store');
    if (!cookie) {
      if (json) throw httpError(400, 'Send a Flask session cookie in the "cookie" field.');
      res.type('html').send(renderPage('decode', { cookie: '', secretKey: '', back }));
      return;
    }
    const result = decodeCookie(cookie, secretKey, now);
    if (json) res.json(result);
    else res.type('html').send(renderPage('decode', { cookie, secretKey: secretKey ?? '', back, ...result }));
  };
  router.get('/decode', decode);
  router.post('/decode', decode);

  router.post('/guess', (req, res) => {
    const pasted = textField(req.body, 'cookie', MAX_COOKIE_INPUT);
    return sendGuess(req, res, pasted === undefined ? undefined : pastedCookieValue(pasted));
  });
  return router;
}

const MAX_RETURN_LENGTH = 300;

/**
 * Where the decode page's "back" link goes: the course page the learner came from (a same-site
 * path only, so the link can never lead to another site), else the sandbox app.
 * @example returnPath('/learn/the-secret-key/') // '/learn/the-secret-key/'
 * @example returnPath('//evil.example/') // '/sandbox/flask/'
 */
export function returnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])[\w\-./~%]*$/.test(value) ? value : pageOf('flask');
}

/** Decoding (needs no key) and verifying (needs one) as two separate results; no payload opened past the inflate cap. */
export function decodeCookie(cookie: string, secretKey: string | undefined, now: () => number): DecodeAnswer {
  const decoded = anatomyView(anatomy(cookie, { now }));
  const verified = secretKey === undefined ? null : anatomy(cookie, { secretKey, now }).verdict;
  return {
    decoding: {
      decoded: decoded.json !== undefined,
      isFlaskCookie: decoded.isFlaskCookie,
      compressed: decoded.compressed,
      segments: decoded.segments,
      json: decoded.json ?? null,
      value: decoded.value ?? null,
      signedAt: decoded.signedAt ?? null,
      ageSeconds: decoded.ageSeconds ?? null,
      problem: decoded.verdict.kind === 'unverified' ? null : decoded.verdict,
      problemWords: decoded.verdict.kind === 'unverified' ? null : describeVerdict(decoded.verdict),
    },
    verifying:
      verified === null
        ? { checked: false }
        : { checked: true, verdict: verified, words: describeVerdict(verified) },
  };
}
