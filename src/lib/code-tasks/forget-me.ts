import { answered, isRedirect, TaskClient } from './client.ts';
import { edit, handoutFiles } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

/** A route that starts over: session.clear(), so Flask deletes the cookie. */
export const forgetMe: CodeTask = {
  id: 'forget-me',
  step: 'starting-over',
  title: 'Add a "Forget me" route',
  todo: 'Add a route POST /forget that starts the session over with session.clear() and sends the browser back to the page.',
  hints: [
    'Copy the /clear route: a decorator @app.post(...), a function, session.clear(), then redirect.',
    "A function name must be new in the file: call it forget, and return redirect(url_for('index')).",
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      "@app.post('/permanent')",
      "@app.post('/forget')\ndef forget():\n    session.clear()\n    return redirect(url_for('index'))\n\n\n@app.post('/permanent')",
    ),
  },
  async check(send) {
    const browser = new TaskClient(send);
    await browser.post('/store', { firstName: 'Hedy' });
    await browser.post('/store-second', { favouriteColour: 'teal' });
    if (!browser.cookie)
      return missing('Storing a name and a colour set no session cookie: keep /store and /store-second.');
    const forget = await browser.post('/forget');
    if (forget.status === 404 || forget.status === 405)
      return missing(`POST /forget answered ${forget.status}: add a route @app.post('/forget').`);
    if (forget.status >= 400) return missing(answered('POST', '/forget', forget));
    if (browser.cookie)
      return missing(
        `After POST /forget the browser still holds a session with ${Object.keys(browser.session()).join(', ') || 'data'}: call session.clear() there, and Flask deletes the cookie.`,
      );
    if (!isRedirect(forget))
      return missing(
        `POST /forget answered ${forget.status}: send the browser back with return redirect(url_for('index')).`,
      );
    return done;
  },
};
