/**
 * The server decides whether a challenge is solved, on the learner's own request to the Flask or
 * server-side app: a page whose session holds `user_id == 'admin'` that /login did not create. The
 * admin cookies /login created (and the ones re-signed from them) are remembered in the learner's
 * sealed progress cookie, so an honest admin login never counts. Mounted after the engine.
 */
import type { RequestHandler, Response } from 'express';
import { flaskOf } from '../apps/flask-engine.ts';
import { lastSetCookie } from '../contract/set-cookie.ts';
import { exchangeOf, whenCookieWritten } from '../exchange/context.ts';
import { labSettingsOf } from '../lab-settings/per-request.ts';
import { readCookie } from '../web/cookies.ts';
import { type Challenge, challengeOf } from './catalogue.ts';
import { type ChallengeId, type Progress, progressOf, saveProgress, withSolved } from './progress.ts';

export const ADMIN_USER = 'admin';

/** What the page shows about this request's verdict. */
export interface ChallengeNotice {
  solved?: Challenge;
  /** The server-side engine refused a captured admin id. */
  defeated?: true;
}

/** The notice of a request the judge has seen, if any. */
export function challengeNoticeOf(res: Response): ChallengeNotice | undefined {
  return (res.locals as { challenge?: ChallengeNotice }).challenge;
}

export interface JudgeOptions {
  sandboxKey: string;
  serverSecret: string | undefined;
}

export function challengeJudge(options: JudgeOptions): RequestHandler {
  return (req, res, next) => {
    const state = exchangeOf(res);
    const sent = readCookie(req, 'session');
    const before = progressOf(req, options.serverSecret);
    let progress = before;
    const notice: ChallengeNotice = {};
    const solve = (id: ChallengeId) => {
      if (!progress.solved.includes(id)) notice.solved = challengeOf(id);
      progress = withSolved(progress, id);
    };
    if (state.engine === 'server-side') {
      if (
        req.method === 'GET' &&
        state.opened.status === 'unknown-id' &&
        sent &&
        progress.capturedIds.includes(sent)
      ) {
        notice.defeated = true;
        progress = { ...progress, defeated: true };
        if (progress.replayAccepted) solve('replay');
      }
      if (progress !== before) saveProgress(res, progress, options.serverSecret);
    } else if (state.engine === 'flask') {
      const data = flaskOf(res).session.data;
      const admin = state.opened.status === 'valid' && data.user_id === ADMIN_USER && sent !== undefined;
      const honest = admin && progress.issued.includes(sent);
      if (req.method === 'GET' && admin && !honest) {
        if (progress.captured.includes(sent)) {
          progress = { ...progress, replayAccepted: true };
          if (progress.defeated) solve('replay');
        } else if ((state.opened.keyIndex ?? 0) === 0) {
          const lab = labSettingsOf(res);
          if (lab.hidden) solve('weak-key');
          else if (lab.key === options.sandboxKey) solve('forge');
        }
      }
      // As the headers go out: remember the admin cookie an honest login (or an honest admin session) got.
      whenCookieWritten(res, () => {
        const out = lastSetCookie(headerList(res.getHeader('set-cookie')), 'session')?.value;
        const stillAdmin = flaskOf(res).session.data.user_id === ADMIN_USER;
        if (out && stillAdmin && (state.action === 'login' || honest)) {
          progress = { ...progress, issued: [...progress.issued, out] };
        }
        if (progress !== before) saveProgress(res, progress, options.serverSecret);
      });
    }
    (res.locals as { challenge?: ChallengeNotice }).challenge = notice;
    next();
  };
}

function headerList(value: ReturnType<Response['getHeader']>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export type { Progress };
