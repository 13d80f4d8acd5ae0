import { answered, TaskClient } from './client.ts';
import { edit, handoutFiles } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

/** session.pop: forget one key, keep the rest, and do not fail when the key is not there. */
export const forgetColour: CodeTask = {
  id: 'forget-colour',
  step: 'storing-and-reading',
  title: 'Forget only the colour',
  todo: 'Add a route POST /forget-colour that removes favouriteColour from the session and keeps the first name.',
  hints: [
    'The session is dict-like: session.pop(key) removes one key.',
    "Give pop a default, session.pop('favouriteColour', None), so a session without a colour is no error.",
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      "@app.post('/clear')",
      "@app.post('/forget-colour')\ndef forget_colour():\n    session.pop('favouriteColour', None)\n    return redirect(url_for('index'))\n\n\n@app.post('/clear')",
    ),
  },
  async check(send) {
    const browser = new TaskClient(send);
    await browser.post('/store', { firstName: 'Hedy' });
    await browser.post('/store-second', { favouriteColour: 'teal' });
    const forget = await browser.post('/forget-colour');
    if (forget.status === 404 || forget.status === 405)
      return missing(
        `POST /forget-colour answered ${forget.status}: add a route @app.post('/forget-colour').`,
      );
    if (forget.status >= 400) return missing(answered('POST', '/forget-colour', forget));
    const session = browser.session();
    if ('favouriteColour' in session)
      return missing(
        "favouriteColour is still in the session: remove it with session.pop('favouriteColour', None).",
      );
    if (session.firstName !== 'Hedy')
      return missing(
        "The first name went too: pop only 'favouriteColour' (session.clear() forgets everything).",
      );
    const empty = await new TaskClient(send).post('/forget-colour');
    if (empty.status >= 500)
      return missing(
        `With no colour stored, POST /forget-colour answered ${empty.status}: give pop a default, session.pop('favouriteColour', None).`,
      );
    return done;
  },
};
