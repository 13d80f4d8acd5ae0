/**
 * The lab for the Express engine, at /sandbox/express/lab/*: tampering with cookie-session's
 * `session` cookie (its `session.sig` stays, so the signature no longer matches).
 */
import { Router } from 'express';
import { EXPRESS_PATH } from '../apps/express-engine.ts';
import { withBase } from '../web/base-path.ts';
import { formParser } from '../web/forms.ts';
import { requireCookieValue } from './cookie-input.ts';
import { finishLab, startLab } from './respond.ts';

/** Builds the Express lab router. */
export function createExpressLab({ bodyLimit }: { bodyLimit: number }): Router {
  const router = Router();
  router.use(formParser(bodyLimit));
  router.post('/tamper', (req, res) => {
    startLab(
      res,
      'tamper',
      'You edited the session cookie; its session.sig no longer matches, so cookie-session will start an empty session.',
    );
    // Written the way cookie-session's `cookies` library writes it (lower-case attributes).
    res.append('Set-Cookie', `session=${requireCookieValue(req)}; path=${withBase(EXPRESS_PATH)}; httponly`);
    finishLab(req, res, 'express');
  });
  return router;
}
