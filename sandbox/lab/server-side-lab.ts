/**
 * The lab for the server-side engine, at /sandbox/server-side/lab/*: send an old id again (replay:
 * refused once its row is gone, unlike a signed cookie) and "log out everywhere" (every row of the
 * logged-in user deleted, whichever browser holds them).
 */
import { Router } from 'express';
import { SERVER_SIDE_PATH, type ServerSideEngine, serverSideOf } from '../apps/server-side-engine.ts';
import { exchangeOf } from '../exchange/context.ts';
import { StoreUnavailable } from '../store/index.ts';
import { withBase } from '../web/base-path.ts';
import { formParser } from '../web/forms.ts';
import { requireCookieValue } from './cookie-input.ts';
import { finishLab, startLab } from './respond.ts';

export const SERVER_SIDE_REPLAY_SUMMARY =
  'You sent an older session id again, as anyone who copied the cookie could. A server-side session lives only as long as its row: ' +
  'after a log-out the row is gone, so the next page finds nothing under that id and starts an empty session. That is revocation, which a signed cookie cannot do.';

/** Builds the server-side lab router. */
export function createServerSideLab({
  bodyLimit,
  engine,
}: {
  bodyLimit: number;
  engine: ServerSideEngine;
}): Router {
  const router = Router();
  router.use(formParser(bodyLimit));
  router.post('/replay', (req, res) => {
    startLab(res, 'replay', SERVER_SIDE_REPLAY_SUMMARY);
    res.append(
      'Set-Cookie',
      `session=${requireCookieValue(req)}; HttpOnly; Path=${withBase(SERVER_SIDE_PATH)}`,
    );
    finishLab(req, res, 'server-side');
  });
  router.post('/logout-everywhere', async (req, res) => {
    const { session } = serverSideOf(res);
    const user = session.get('user_id');
    let removed = 0;
    let down = false;
    if (typeof user === 'string') {
      try {
        removed = await (await engine.store()).deleteUser(user);
      } catch (error) {
        if (!(error instanceof StoreUnavailable)) throw error;
        down = true;
      }
    }
    startLab(
      res,
      'logout-everywhere',
      down
        ? 'The store is unreachable, so no session could be deleted; try again when it is back.'
        : typeof user === 'string'
          ? `Logged ${user} out everywhere: ${removed} session${removed === 1 ? '' : 's'} of ${user} deleted from the store, in every browser that held one.`
          : 'Nobody is logged in here, so there was no user whose sessions to delete.',
    );
    exchangeOf(res).codeLines = [];
    if (!down) session.clear();
    await engine.commit?.(req, res);
    finishLab(req, res, 'server-side');
  });
  return router;
}
