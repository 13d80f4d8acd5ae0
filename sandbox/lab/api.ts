/**
 * Cookie tools at /sandbox/api: decode any Flask cookie (decoding and verifying reported apart:
 * anyone can decode, only the key can verify) and guess a weak key. JSON or a small page.
 * A key travels only in a POST body: URLs end up in proxy logs, browser history and Referer headers.
 */
import { type Request, type Response, Router } from 'express';
import { anatomy, type CookieAnatomy, describeVerdict, toConvention } from '../cookie-tools/index.ts';
import type { SessionData } from '../flask-session/index.ts';
import { MAX_KEY_LENGTH } from '../keys/lab-settings.ts';
import { formParser, httpError, MAX_FIELD_LENGTH, textField } from '../web/forms.ts';
import { renderPage, wantsJson } from '../web/pages.ts';
import { MAX_COOKIE_INPUT } from './cookie-input.ts';
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
    const cookie = textField(source, 'cookie', MAX_FIELD_LENGTH)?.trim();
    const secretKey = textField(source, 'secretKey', MAX_KEY_LENGTH) || undefined;
    const json = wantsJson(req.accepts.bind(req));
    res.setHeader('Cache-Control', 'no-store');
    if (!cookie) {
      if (json) throw httpError(400, 'Send a Flask session cookie in the "cookie" field.');
      res.type('html').send(renderPage('decode', { cookie: '', secretKey: '' }));
      return;
    }
    const result = decodeCookie(cookie, secretKey, now);
    if (json) res.json(result);
    else res.type('html').send(renderPage('decode', { cookie, secretKey: secretKey ?? '', ...result }));
  };
  router.get('/decode', decode);
  router.post('/decode', decode);

  router.post('/guess', (req, res) =>
    sendGuess(req, res, textField(req.body, 'cookie', MAX_COOKIE_INPUT)?.trim()),
  );
  return router;
}

/** The decode tool's answer, as the browser receives it. */
export type DecodeResponse = ReturnType<typeof decodeCookie>;

/** Decoding (needs no key) and verifying (needs one) as two separate results; no payload opened past the inflate cap. */
export function decodeCookie(cookie: string, secretKey: string | undefined, now: () => number) {
  const decoded = readable(anatomy(cookie, { now }));
  const verified = secretKey === undefined ? null : readable(anatomy(cookie, { secretKey, now })).verdict;
  return {
    decoding: {
      isFlaskCookie: decoded.isFlaskCookie,
      compressed: decoded.compressed,
      segments: decoded.segments,
      json: decoded.json ?? null,
      value: decoded.value ?? null,
      signedAt: decoded.signedAt ?? null,
      ageSeconds: decoded.ageSeconds ?? null,
      problem: decoded.verdict.kind === 'unverified' ? null : decoded.verdict,
      /** The problem in the verdict vocabulary, for pages without JavaScript. */
      problemWords: decoded.verdict.kind === 'unverified' ? null : describeVerdict(decoded.verdict),
    },
    verifying:
      verified === null
        ? { checked: false as const }
        : { checked: true as const, verdict: verified, words: describeVerdict(verified) },
  };
}

/** The anatomy with its value in display JSON. */
function readable(cut: CookieAnatomy): CookieAnatomy {
  if (cut.value !== undefined) cut.value = toConvention(cut.value) as SessionData;
  return cut;
}
