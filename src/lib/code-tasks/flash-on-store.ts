import { answered, jinjaEscaped, TaskClient } from './client.ts';
import { edit, handoutFiles } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

const name = 'Katherine';

/** Flashed messages live in the session until a page shows them. */
function flashes(session: Record<string, unknown>): string[] {
  const list = session._flashes;
  if (!Array.isArray(list)) return [];
  return list.map((entry) => (Array.isArray(entry) ? String(entry[1]) : String(entry)));
}

/** flash(): a one-time message, kept in the cookie until the next page shows it. */
export const flashOnStore: CodeTask = {
  id: 'flash-on-store',
  step: 'flash-messages',
  title: 'Say hello when a name is stored',
  todo: 'Make POST /store flash a message that names the first name it stored, such as "Hello, Ada!".',
  hints: [
    'flash is already imported; call it in store() after saving the name.',
    'An f-string names it: flash(f"Hello, {session[\'firstName\']}!").',
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      "    session['firstName'] = request.form['firstName']\n    return redirect(url_for('index'))",
      "    session['firstName'] = request.form['firstName']\n    flash(f\"Hello, {session['firstName']}!\")\n    return redirect(url_for('index'))",
    ),
  },
  async check(send) {
    const browser = new TaskClient(send);
    const stored = await browser.post('/store', { firstName: name });
    if (stored.status >= 400) return missing(answered('POST', '/store', stored));
    const message = flashes(browser.session()).find((text) => text.includes(name));
    if (message === undefined)
      return missing(`Storing "${name}" flashes no message that names it: call flash(…) in store().`);
    const page = await browser.get('/');
    if (!page.body.includes(jinjaEscaped(message)))
      return missing(
        `The message "${message}" is never shown: keep get_flashed_messages() in templates/index.html.`,
      );
    if (flashes(browser.session()).includes(message))
      return missing(
        'The message stays in the session after the page showed it: show it with get_flashed_messages().',
      );
    return done;
  },
};
