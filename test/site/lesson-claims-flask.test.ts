/**
 * What the lessons say about Flask, run under both real Flasks on this machine (python3: 3.1,
 * /usr/bin/python3: 2.2): every `flask` command they show, the code they give, and the behaviour
 * they describe. Code is taken from the lessons' own text, so a changed lesson is checked again.
 * Without a Flask: skipped with a warning, or failed when REQUIRE_FLASK=1 (CI).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CookieJar } from 'tough-cookie';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FLASK_PYTHONS,
  type FlaskPython,
  flaskUnavailable,
  REQUIRE_FLASK,
} from '../flask-session/flask-helper.ts';
import { codeBlockWith, keyCode, lessonBody, lessonSource } from '../helpers/lesson-text.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const claimsScript = fileURLToPath(new URL('../python/lesson_claims.py', import.meta.url));

/** Every `flask …` command line the lessons show, in inline code or in shell blocks. */
function flaskCommands(): string[] {
  const commands = lessonSlugs().flatMap((slug) =>
    [...lessonBody(slug).matchAll(/(?:`|^)((?:python3 -m )?flask --app [^`\n]+)/gm)].map(([, command]) =>
      (command ?? '').trim(),
    ),
  );
  return [...new Set(commands)];
}

/** The code the claims script runs, cut from the lessons. */
function lessonCode() {
  return {
    secret_check: keyCode('the-secret-key'),
    testing: codeBlockWith('storing-and-reading', 'session_transaction'),
    own_types: codeBlockWith('storing-and-reading', '@dataclass'),
    private_pages: codeBlockWith('logging-in-and-out', '@app.after_request'),
    host_config: codeBlockWith('cookie-flags-and-lifetime', 'SESSION_COOKIE_NAME="__Host-session"'),
  };
}

/** The `Set-Cookie:` line the step shows for the `__Host-` cookie. */
const hostCookieLine = () =>
  lessonSource('cookie-flags-and-lifetime').match(/^Set-Cookie: (__Host-session=.*)$/m)?.[1];

// biome-ignore lint/suspicious/noExplicitAny: JSON from the Python script; the assertions check its shape
type Findings = Record<string, any>;

function runClaims(python: string): Findings {
  const done = spawnSync(python, [claimsScript], {
    input: JSON.stringify(lessonCode()),
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (done.status !== 0) throw new Error(`lesson_claims.py failed: ${done.stderr}`);
  return JSON.parse(done.stdout) as Findings;
}

describe('the commands the lessons show', () => {
  it('include the debug run the course teaches, with --debug before run', () => {
    const commands = flaskCommands();
    expect(commands).toContain('python3 -m flask --app app --debug run');
    for (const command of commands) expect(command, command).not.toMatch(/\brun\b.*--debug/);
  });
});

function claimsUnder(flaskPython: FlaskPython) {
  let found: Findings;
  beforeAll(() => {
    found = runClaims(flaskPython.python);
  }, 120_000);
  const is31 = flaskPython.version === '3.1';

  it("accepts every flask command of the lessons (asked for --help, in a folder with the lesson's app.py)", () => {
    const folder = mkdtempSync(join(tmpdir(), 'lesson-cli-'));
    try {
      writeFileSync(join(folder, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
      for (const command of flaskCommands()) {
        const args = command
          .replace(/^python3 -m /, '')
          .split(/\s+/)
          .slice(1);
        const done = spawnSync(flaskPython.python, ['-m', 'flask', ...args, '--help'], {
          cwd: folder,
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(done.stderr, command).not.toMatch(/Error|No such option/);
        expect(done.status, `${command}: ${done.stderr}`).toBe(0);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('sends Vary: Cookie for a page that only checks `in` or `len()` in 3.1.3, not in 2.2 (steps 6 and 12)', () => {
    expect(found.flask).toMatch(is31 ? /^3\.1\.3$/ : /^2\.2\./);
    const vary = is31 ? 'Cookie' : null;
    expect(found['vary when only checked']).toEqual({ '/in': vary, '/len': vary });
    expect(lessonBody('the-template-check')).toContain('Flask 3.1.3 and later');
  });

  it('adds Domain=.example.com with SERVER_NAME in 2.2 only, and Secure with Partitioned in 3.1 (step 10)', () => {
    if (is31) {
      expect(found['cookie with SERVER_NAME']).not.toContain('Domain');
      expect(found['cookie with PARTITIONED']).toMatch(/; Secure; .*Partitioned/);
    } else {
      expect(found['cookie with SERVER_NAME']).toContain('Domain=.example.com');
      expect(found['cookie with PARTITIONED']).not.toMatch(/Secure|Partitioned/);
    }
    const step = lessonBody('cookie-flags-and-lifetime');
    expect(step).toContain('`Domain=.example.com`');
    expect(step).toContain('Flask then adds `Secure` itself');
  });

  it('reads FLASK_SECRET_KEY=1234567890 as a number, which fails with a TypeError; the key code refuses it (step 3)', () => {
    expect(found['from_prefixed_env number']).toEqual({ type: 'int', error: 'TypeError' });
    const check = found['secret check'];
    for (const refused of ['missing', 'number', 'short'])
      expect(check[refused], refused).toBe('RuntimeError: Set FLASK_SECRET_KEY to a long random string.');
    expect(check.token_hex).toBe('started');
    expect(lessonBody('the-secret-key')).toContain('`FLASK_SECRET_KEY=1234567890` arrives as the *number*');
  });

  it('tracks del, pop, clear, update and an adding setdefault, but not changes inside a value (step 5)', () => {
    expect(found['changes tracked']).toEqual({
      assign: true,
      del: true,
      pop: true,
      clear: true,
      update: true,
      'setdefault adds': true,
      'setdefault finds': false,
      'append inside': false,
      get: false,
    });
  });

  it('gives two stores in the same second the same timestamp (step 5)', () => {
    expect(found['same second']).toEqual({
      'same name, same cookie': true,
      'other name, same timestamp': true,
      'other name, other signature': true,
    });
  });

  it("passes the lesson's own tests of the handout app (step 5)", () => {
    expect(found['lesson tests']).toEqual({
      test_store_remembers_the_first_name: 'passed',
      test_the_page_shows_a_stored_name: 'passed',
    });
  });

  it("round-trips the lesson's dataclass through a real cookie (step 5)", () => {
    expect(found['own types']).toEqual({
      'sent a cookie': true,
      'read back': "Cart(items=['apple'])",
      'same request': "Cart(items=['apple'])",
    });
  });

  it("sends Cache-Control: private to signed-in visitors only, with the lesson's hook (step 8)", () => {
    expect(found['private pages']).toEqual({ 'signed in': 'private', 'signed out': null });
  });

  it('signs the __Host- example exactly as the lesson shows it, with the demo key at 1700000000 (step 10)', () => {
    expect(found['host prefixed']['set-cookie']).toBe(hostCookieLine());
  });

  it("takes another app's cookie for an empty session and replaces it, unless it has its own name (step 10)", () => {
    const another = found['another app'];
    expect(another['B sees']).toBe('{}');
    expect(another['B writes']).toMatch(/^session=/);
    expect(another['B with its own name']).toMatch(/^shop_session=/);
  });

  it('autoescapes .svg templates in 3.1, not in 2.2.2 (step 6)', () => {
    expect(found['svg autoescaped']).toBe(is31);
  });

  it('runs a console in the browser under --debug, behind a printed PIN; Click 8.4.0 loses the flag (step 2)', () => {
    const debuggerOn = { banner: 'on', 'debugger page': true, 'console allowed': true, 'pin printed': true };
    const { click, 'lesson form': lessonForm, 'run --debug': runDebug } = found.debugger;
    if (click === '8.4.0') {
      // The lesson warns of exactly this, and of the way around it.
      expect(lessonForm.banner).toBe('off');
      expect(runDebug).toEqual(debuggerOn);
      expect(lessonBody('the-import')).toContain('is 8.4.0, which loses the setting');
    } else expect(lessonForm).toEqual(debuggerOn);
  });

  it('reads .env through the flask command when python-dotenv is installed (step 11)', () => {
    if (found.dotenv['python-dotenv installed']) expect(found.dotenv['key read']).toBe(true);
    else expect(found.dotenv).toEqual({ 'python-dotenv installed': false });
  });
}

describe('a browser keeps one cookie for every port of a host (step 10)', () => {
  it('sends the cookie localhost:5000 set to localhost:5001 too (RFC 6265, as browsers do)', async () => {
    const jar = new CookieJar();
    await jar.setCookie('session=from-the-shop; Path=/; HttpOnly', 'http://localhost:5000/store');
    expect(await jar.getCookieString('http://localhost:5001/')).toBe('session=from-the-shop');
  });
});

for (const flaskPython of FLASK_PYTHONS) {
  const unavailable = flaskUnavailable(flaskPython);
  const title = `the lessons' claims under Flask ${flaskPython.version} (${flaskPython.python})`;
  if (unavailable && REQUIRE_FLASK) {
    it(`${title}: Flask is installed (REQUIRE_FLASK=1)`, () => {
      throw new Error(`REQUIRE_FLASK=1 but ${unavailable}`);
    });
    continue;
  }
  if (unavailable) console.warn(`[skipped] ${title}: ${unavailable}`);
  describe.skipIf(unavailable !== undefined)(title, () => claimsUnder(flaskPython));
}
