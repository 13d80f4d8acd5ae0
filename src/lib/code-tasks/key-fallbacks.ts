import { answered, TaskClient } from './client.ts';
import { signedWith, signFlaskCookie } from './flask-cookie.ts';
import { edit, handoutFiles, handoutKey } from './handout.ts';
import { type CodeTask, done, missing } from './types.ts';

const oldName = 'Hedy';

/** Rotate the key without logging everyone out: a new key signs, the old one still loads. */
export const keyFallbacks: CodeTask = {
  id: 'key-fallbacks',
  step: 'keys-and-revocation',
  title: 'Rotate the key, keep old cookies',
  todo: "Sign new cookies with a new key while cookies signed with the handout's key still load (Flask 3.1's SECRET_KEY_FALLBACKS).",
  hints: [
    'Flask signs with app.secret_key and also accepts every key listed in SECRET_KEY_FALLBACKS.',
    `Set a new app.secret_key, then app.config['SECRET_KEY_FALLBACKS'] = ['${handoutKey}'].`,
  ],
  solution: {
    'flask_app.py': edit(
      handoutFiles['flask_app.py'],
      `app.secret_key = '${handoutKey}'\n`,
      `app.secret_key = '2f1c9a7e4b8d3f6a0c5e9b2d7f4a1c8e'\n# The old key still loads the cookies it signed, until you remove it.\napp.config['SECRET_KEY_FALLBACKS'] = ['${handoutKey}']\n`,
    ),
  },
  async check(send) {
    const fresh = new TaskClient(send);
    const stored = await fresh.post('/store', { firstName: 'Grace' });
    if (stored.status >= 400 || !fresh.cookie) return missing(answered('POST', '/store', stored));
    if (await signedWith(fresh.cookie, handoutKey))
      return missing(
        "New cookies are still signed with the handout's key: give app.secret_key a new value and list the old key in SECRET_KEY_FALLBACKS.",
      );
    const old = await signFlaskCookie({ firstName: oldName }, handoutKey, Math.floor(Date.now() / 1000));
    const page = await new TaskClient(send, old).get('/');
    if (page.status !== 200) return missing(answered('GET', '/', page));
    if (!page.body.includes(oldName))
      return missing(
        `A cookie signed with the handout's key no longer loads (the page does not show "${oldName}"): add app.config['SECRET_KEY_FALLBACKS'] = ['${handoutKey}'].`,
      );
    return done;
  },
};
