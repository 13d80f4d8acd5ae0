import { answered, TaskClient } from './client.ts';
import { readFlaskCookie } from './flask-cookie.ts';
import { edit, handoutFiles, handoutKey } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

const wanted = 300;
/** Expires has whole seconds and Flask reads the clock twice; a few seconds either way is the same lifetime. */
const slack = 5;

/** "31 days", "5 minutes", "90 s": a lifetime as the learner would say it. */
function lifetime(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} days`;
  if (seconds >= 3600) return `${Math.round(seconds / 360) / 10} hours`;
  if (seconds >= 60) return `${Math.round(seconds / 6) / 10} minutes`;
  return `${seconds} s`;
}

/** A permanent session that lasts 5 minutes: the cookie's Expires is 300 s after it was signed. */
export const fiveMinuteSession: CodeTask = {
  id: 'five-minute-session',
  step: 'cookie-flags-and-lifetime',
  title: 'A session that lasts 5 minutes',
  todo: 'Make a permanent session last 5 minutes: after Store and "Make permanent", the cookie expires 300 s after it was signed.',
  hints: [
    "POST /permanent already sets session.permanent = True; Flask then sends Expires = now + the app's lifetime (31 days unless you say).",
    'Import timedelta (from datetime import timedelta) and set app.permanent_session_lifetime = timedelta(minutes=5).',
  ],
  solution: {
    'flask_app.py': edit(
      edit(handoutFiles['flask_app.py'], 'import hmac\n', 'import hmac\nfrom datetime import timedelta\n'),
      `app.secret_key = '${handoutKey}'\n`,
      `app.secret_key = '${handoutKey}'\n# A permanent session's cookie expires 5 minutes after each response that saves it.\napp.permanent_session_lifetime = timedelta(minutes=5)\n`,
    ),
  },
  async check(send) {
    const browser = new TaskClient(send);
    const stored = await browser.post('/store', { firstName: 'Hedy' });
    if (stored.status >= 400) return missing(answered('POST', '/store', stored));
    const permanent = await browser.post('/permanent');
    if (permanent.status >= 400) return missing(answered('POST', '/permanent', permanent));
    const set = browser.lastSetCookie;
    const signed = browser.cookie ? readFlaskCookie(browser.cookie) : undefined;
    if (!set || !signed)
      return missing('Store and "Make permanent" left no session cookie: keep both routes.');
    if (set.expires === undefined)
      return missing(
        'The cookie has no Expires, so it ends with the browser: keep session.permanent = True in /permanent.',
      );
    const seconds = Math.round(set.expires.getTime() / 1000) - signed.timestamp;
    if (Math.abs(seconds - wanted) > slack)
      return missing(
        `The cookie expires ${lifetime(seconds)} after it was signed, not 5 minutes: set app.permanent_session_lifetime = timedelta(minutes=5).`,
      );
    return done;
  },
};
