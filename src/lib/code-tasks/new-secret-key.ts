import { answered, TaskClient } from './client.ts';
import { signFlaskCookie } from './flask-cookie.ts';
import { edit, handoutFiles, handoutKey } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

/** A name only the old cookie holds, so the page can only show it if that cookie still loads. */
const oldName = 'Hedy';
const newName = 'Grace';

/** Change the key: a cookie signed with the old one comes back as an empty session. */
export const newSecretKey: CodeTask = {
  id: 'new-secret-key',
  step: 'the-secret-key',
  title: 'Change the secret key',
  todo: "Give app.secret_key a new value and Run. A cookie signed with the handout's key then loads as an empty session.",
  hints: [
    "Flask checks every cookie's signature with the current key; a cookie signed with another key is thrown away, silently.",
    "Generate a key with python -c 'import secrets; print(secrets.token_hex())' and paste it between the quotes.",
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      `app.secret_key = '${handoutKey}'`,
      "app.secret_key = '2f1c9a7e4b8d3f6a0c5e9b2d7f4a1c8e'",
    ),
  },
  async check(send) {
    const old = await signFlaskCookie({ firstName: oldName }, handoutKey, Math.floor(Date.now() / 1000));
    const before = new TaskClient(send, old);
    const page = await before.get('/');
    if (page.status !== 200) return missing(answered('GET', '/', page));
    if (page.body.includes(oldName))
      return missing(
        `The cookie signed with the handout's key still loads (the page shows "${oldName}"): give app.secret_key a new value, then Run.`,
      );
    const after = new TaskClient(send);
    const stored = await after.post('/store', { firstName: newName });
    if (stored.status >= 400) return missing(answered('POST', '/store', stored));
    if (!after.cookie)
      return missing('Storing a name set no session cookie: keep the /store route as it is.');
    const shown = await after.get('/');
    if (!shown.body.includes(newName))
      return missing(
        'The app does not read back the cookie it signed itself: keep one key in app.secret_key.',
      );
    return done;
  },
};
