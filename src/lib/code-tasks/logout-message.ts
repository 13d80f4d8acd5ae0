import { answered, jinjaEscaped, TaskClient } from './client.ts';
import { edit, handoutFiles } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

/** A logout that forgets everything, then says so with a flashed message. */
export const logoutMessage: CodeTask = {
  id: 'logout-message',
  step: 'logging-in-and-out',
  title: 'Log out, and say so',
  todo: 'Make POST /logout clear the whole session and then flash a message such as "You are logged out."',
  hints: [
    'Clear first, then flash: session.clear() would also forget a message flashed before it.',
    "After session.clear(), add flash('You are logged out.'); the page shows it once.",
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      'def logout():\n    session.clear()\n',
      "def logout():\n    session.clear()\n    flash('You are logged out.')\n",
    ),
  },
  async check(send) {
    const browser = new TaskClient(send);
    const login = await browser.post('/login', { username: 'ada', password: 'lovelace' });
    if (login.status >= 400 || !('user_id' in browser.session()))
      return missing(
        `Logging in as ada / lovelace did not work (${answered('POST', '/login', login)}): keep /login as it is.`,
      );
    await browser.post('/store', { firstName: 'Ada' });
    const logout = await browser.post('/logout');
    if (logout.status >= 400) return missing(answered('POST', '/logout', logout));
    const left = Object.keys(browser.session()).filter((key) => key !== '_flashes');
    if (left.length > 0)
      return missing(
        `After logging out the session still holds ${left.join(' and ')}: call session.clear() in logout().`,
      );
    const messages = browser.session()._flashes;
    const message =
      Array.isArray(messages) && Array.isArray(messages[0]) ? String(messages[0][1]) : undefined;
    if (message === undefined)
      return missing('Logging out says nothing: flash a message after session.clear().');
    const page = await browser.get('/');
    if (!page.body.includes(jinjaEscaped(message)))
      return missing(
        `The message "${message}" is never shown: keep get_flashed_messages() in templates/index.html.`,
      );
    const members = await browser.get('/members');
    if (members.status !== 401)
      return missing(`After logging out, GET /members answered ${members.status}, not 401.`);
    return done;
  },
};
