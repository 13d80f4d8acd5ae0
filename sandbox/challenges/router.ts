/**
 * The challenges page, /sandbox/challenges/: each challenge's goal, hints and whether the server
 * judged it solved (from the learner's sealed progress), the count, a Reset, and the replay
 * challenge's victim: "watch the admin log in and out", which captures the admin's cookie the way
 * someone on the same open network could, then logs the admin out (on the server-side engine that
 * deletes the row). It runs no script; every action is a form.
 */
import { type Request, type Response, Router } from 'express';
import { flaskConfig } from '../apps/flask-engine.ts';
import { SERVER_SIDE_LIFETIME_S } from '../apps/server-side-engine.ts';
import { signSession, taggedDumps } from '../flask-session/index.ts';
import { labSettingsOf } from '../lab-settings/per-request.ts';
import { newSessionId, type SessionStore, StoreUnavailable } from '../store/index.ts';
import { withBase } from '../web/base-path.ts';
import { formParser, requireField } from '../web/forms.ts';
import { httpError } from '../web/http-errors.ts';
import { redirectTo, renderPage } from '../web/pages.ts';
import { CHALLENGES } from './catalogue.ts';
import { ADMIN_USER } from './judge.ts';
import { emptyProgress, progressOf, saveProgress } from './progress.ts';

export interface ChallengesOptions {
  sandboxKey: string;
  serverSecret: string | undefined;
  bodyLimit: number;
  store: () => Promise<SessionStore>;
  /** Unix seconds. */
  now: () => number;
}

export const CHALLENGES_PATH = '/sandbox/challenges/';

export function createChallengesRouter(options: ChallengesOptions): Router {
  const router = Router();
  router.get('/', (req, res) => showChallenges(options, req, res));
  router.use(formParser(options.bodyLimit));
  router.post('/reset', (_req, res) => {
    saveProgress(res, emptyProgress(), options.serverSecret);
    redirectTo(res, withBase(CHALLENGES_PATH));
  });
  router.post('/capture', async (req, res) => {
    const engine = requireField(req, 'engine', 20);
    const progress = progressOf(req, options.serverSecret);
    if (engine === 'flask') {
      // The admin's browser gets exactly what /login sends: {'user_id': 'admin'}, signed with the app's key.
      const config = flaskConfig(labSettingsOf(res), options.now);
      const cookie = signSession(
        { user_id: ADMIN_USER },
        { secretKey: config.secretKey, timestamp: Math.floor(options.now()) },
      );
      saveProgress(res, { ...progress, captured: [...progress.captured, cookie] }, options.serverSecret);
    } else if (engine === 'server-side') {
      let id: string;
      try {
        const store = await options.store();
        id = newSessionId();
        // The admin logs in (a row under a fresh id) and, a moment later, logs out (the row is deleted).
        await store.save(id, {
          value: taggedDumps({ user_id: ADMIN_USER }),
          owner: req.ip ?? 'unknown',
          user: ADMIN_USER,
          expiresAt: (Math.floor(options.now()) + SERVER_SIDE_LIFETIME_S) * 1000,
        });
        await store.delete(id);
      } catch (error) {
        if (!(error instanceof StoreUnavailable)) throw error;
        showChallenges(
          options,
          req,
          res,
          'The session store is unreachable, so the server-side admin could not log in. Try again when it is back.',
        );
        return;
      }
      saveProgress(res, { ...progress, capturedIds: [...progress.capturedIds, id] }, options.serverSecret);
    } else {
      throw httpError(400, 'Choose the engine to watch: flask or server-side.');
    }
    redirectTo(res, `${withBase(CHALLENGES_PATH)}#replay`);
  });
  return router;
}

function showChallenges(options: ChallengesOptions, req: Request, res: Response, problem?: string): void {
  const progress = progressOf(req, options.serverSecret);
  res.status(200).setHeader('Cache-Control', 'no-store');
  res.type('html').send(
    renderPage('challenges', {
      challenges: CHALLENGES.map((c) => ({ ...c, solved: progress.solved.includes(c.id) })),
      solvedCount: progress.solved.length,
      total: CHALLENGES.length,
      captured: progress.captured.at(-1),
      capturedId: progress.capturedIds.at(-1),
      replayAccepted: progress.replayAccepted,
      defeated: progress.defeated,
      problem,
      flask: withBase('/sandbox/flask/'),
      serverSide: withBase('/sandbox/server-side/'),
      home: withBase(CHALLENGES_PATH),
    }),
  );
}
