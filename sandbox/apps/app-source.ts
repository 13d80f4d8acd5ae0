/**
 * The Flask app the sandbox imitates (flask_app.py and its template), as text for the inspector,
 * and which of its lines each sandbox route stands for. Lines are found by their text, so editing
 * the Python file cannot silently point the highlight at the wrong line.
 */
import { readFileSync } from 'node:fs';
import type { SandboxAction } from '../contract/exchange.ts';

const here = new URL('./', import.meta.url);

/** flask_app.py, exactly as shipped. */
export const appSource: string = readFileSync(new URL('flask_app.py', here), 'utf8');

/** templates/index.html, exactly as shipped. */
export const templateSource: string = readFileSync(new URL('templates/index.html', here), 'utf8');

/** The lesson's Jinja snippet, cut from index.html: `{% if 'firstName' in session %} … {% endif %}`. */
export const lessonTemplate: string = cutLessonTemplate(templateSource);

function cutLessonTemplate(html: string): string {
  const start = html.indexOf("{% if 'firstName' in session %}");
  const endTag = '{% endif %}';
  const end = html.indexOf(endTag, start);
  if (start < 0 || end < 0)
    throw new Error("templates/index.html lost the lesson's {% if 'firstName' in session %} block");
  return html.slice(start, end + endTag.length);
}

/** For each action: the lines that run, in order, each searched for after the previous one. */
const linesByAction: Record<SandboxAction, string[]> = {
  show: ["@app.get('/')", 'def index():', "return render_template('index.html')"],
  store: [
    "@app.post('/store')",
    'def store():',
    "session['firstName'] = request.form['firstName']",
    "return redirect(url_for('index'))",
  ],
  'store-second': [
    "@app.post('/store-second')",
    'def store_second():',
    "session['favouriteColour'] = request.form['favouriteColour']",
    "return redirect(url_for('index'))",
  ],
  flash: [
    "@app.post('/flash')",
    'def flash_saved():',
    "name = request.form['firstName']",
    "session['firstName'] = name",
    'flash(f"Saved {name}")',
    "return redirect(url_for('index'))",
  ],
  clear: ["@app.post('/clear')", 'def clear():', 'session.clear()', "return redirect(url_for('index'))"],
  permanent: [
    "@app.post('/permanent')",
    'def permanent():',
    'session.permanent = True',
    "return redirect(url_for('index'))",
  ],
  login: [
    "@app.post('/login')",
    'def login():',
    "username = request.form['username']",
    "password = request.form['password']",
    'if not password_ok(username, password):',
    'session.clear()',
    "session['user_id'] = username",
    "return redirect(url_for('members'))",
  ],
  'login-failed': [
    "@app.post('/login')",
    'def login():',
    "username = request.form['username']",
    "password = request.form['password']",
    'if not password_ok(username, password):',
    "return render_template('index.html', error=",
  ],
  logout: ["@app.post('/logout')", 'def logout():', 'session.clear()', "return redirect(url_for('index'))"],
  members: [
    "@app.get('/members')",
    'def members():',
    "user_id = session.get('user_id')",
    'if user_id is None:',
    "return render_template('members.html', user_id=user_id)",
  ],
  // Lab experiments change the key or the cookie from outside: no line of the app runs for them.
  lab: [],
  // Only the learner's own app (real Flask in the browser) has routes of its own.
  other: [],
};

/**
 * 1-based line numbers of flask_app.py that the sandbox route for `action` stands for.
 * @example codeLinesFor('store') // e.g. [21, 22, 23, 24]
 */
export function codeLinesFor(action: SandboxAction): number[] {
  return findLines(appSource, linesByAction[action]);
}

/**
 * The line that stores a form value in the session (the lab's oversize experiment stores one too).
 * @example storeLines() // e.g. [23]
 */
export function storeLines(): number[] {
  return findLines(appSource, ["session['firstName'] = request.form['firstName']"]);
}

/** Finds each text in turn (each after the line of the previous one); throws when one is missing. */
export function findLines(source: string, texts: string[]): number[] {
  const lines = source.split('\n');
  const found: number[] = [];
  let from = 0;
  for (const text of texts) {
    const index = lines.findIndex((line, i) => i >= from && line.includes(text));
    if (index < 0)
      throw new Error(`flask_app.py has no line containing ${JSON.stringify(text)} (after line ${from})`);
    found.push(index + 1);
    from = index + 1;
  }
  return found;
}

// Fail at startup, not during a request, if the Python file and this table disagree.
for (const action of Object.keys(linesByAction) as SandboxAction[]) codeLinesFor(action);
