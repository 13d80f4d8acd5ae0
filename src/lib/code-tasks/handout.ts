/**
 * The handout's app as the learner first sees it in the editor: the same files the server's engine
 * shows (sandbox/apps/), bundled as text so the page needs no request for them.
 */

import appPy from '../../../sandbox/apps/flask_app.py?raw';
import indexHtml from '../../../sandbox/apps/templates/index.html?raw';
import membersHtml from '../../../sandbox/apps/templates/members.html?raw';
import type { FlaskFiles } from '../pyflask/types.ts';

export const handoutFiles: Readonly<Required<FlaskFiles>> = {
  'flask_app.py': appPy,
  'templates/index.html': indexHtml,
  'templates/members.html': membersHtml,
};

/** The handout's public demo key, read from its flask_app.py so the two cannot drift apart. */
export const handoutKey: string = keyOf(appPy);

function keyOf(source: string): string {
  const key = /^app\.secret_key = '([^']+)'$/m.exec(source)?.[1];
  if (!key) throw new Error("sandbox/apps/flask_app.py lost its line app.secret_key = '…'");
  return key;
}

/**
 * `text` with `find` replaced by `replace`; throws when `find` is not there exactly once, so a
 * solution never silently stops applying after the handout changes.
 */
export function edit(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0)
    throw new Error(`A code task's solution expects ${JSON.stringify(find)} once in the handout's file`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}
