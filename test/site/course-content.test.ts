/**
 * The course as learners get it: the built step pages (test/setup/build-site.ts builds them), read
 * for what the schema can't see across lessons: where the right answers sit, how long they are,
 * further reading, and the exact commands the steps teach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeBlocks, keyCode } from '../helpers/lesson-text.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const slugs = lessonSlugs();
const root = new URL('../../', import.meta.url);
const page = (slug: string) => readFileSync(new URL(`dist/client/learn/${slug}/index.html`, root), 'utf8');
/** The Markdown source of the step published at `slug`. */
const markdown = (slug: string) => {
  const name = readdirSync(new URL('lessons/', root)).find(
    (file) => /^[^_].*\.mdx?$/.test(file) && file.replace(/^\d+-/, '').replace(/\.mdx?$/, '') === slug,
  );
  return readFileSync(new URL(`lessons/${name}`, root), 'utf8');
};

/** Visible text of an HTML fragment: tags dropped, each entity counted as one character. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&[#a-z0-9]+;/gi, '_')
    .trim();

interface Answer {
  text: string;
  correct: boolean;
}

/** The question's answers in page order, with the text of their labels. */
function answersOf(slug: string): Answer[] {
  const html = page(slug);
  const answers = [...html.matchAll(/<div class="answer" data-correct="(true|false)"[^>]*>(.*?)<\/label>/gs)];
  return answers.map(([, correct, inner]) => ({
    correct: correct === 'true',
    text: text(inner?.replace(/^.*?<label[^>]*>/s, '') ?? ''),
  }));
}

describe('the questions across the course', () => {
  const questions = slugs.map((slug) => ({ slug, answers: answersOf(slug) }));
  const correctIndex = questions.map(({ answers }) => answers.findIndex((answer) => answer.correct));

  it('are read from every step, with exactly one right answer each', () => {
    expect(questions).toHaveLength(slugs.length);
    for (const { slug, answers } of questions) {
      expect(answers.length, slug).toBeGreaterThanOrEqual(2);
      expect(
        answers.filter((answer) => answer.correct),
        slug,
      ).toHaveLength(1);
      for (const answer of answers) expect(answer.text, slug).not.toBe('');
    }
  });

  it('put the right answer in different positions, none in more than half the steps', () => {
    expect(new Set(correctIndex).size).toBeGreaterThan(1);
    for (const position of new Set(correctIndex)) {
      const count = correctIndex.filter((index) => index === position).length;
      expect(count, `right answer at position ${position}`).toBeLessThanOrEqual(slugs.length / 2);
    }
  });

  it('do not give the right answer away by being the longest or the shortest', () => {
    const rightIs = (pick: (lengths: number[]) => number) =>
      questions.filter(({ answers }) => {
        const lengths = answers.map((answer) => answer.text.length);
        return answers.find((answer) => answer.correct)?.text.length === pick(lengths);
      }).length;
    expect(rightIs((lengths) => Math.max(...lengths))).toBeLessThanOrEqual(slugs.length / 2);
    expect(rightIs((lengths) => Math.min(...lengths))).toBeLessThanOrEqual(slugs.length / 2);
  });
});

describe('further reading', () => {
  it('ends every step with one to six external https links', () => {
    for (const slug of slugs) {
      const section = page(slug).match(/<section class="further-reading".*?<\/section>/s)?.[0] ?? '';
      const links = [...section.matchAll(/<a href="([^"]+)" rel="([^"]+)"/g)];
      expect(links.length, slug).toBeGreaterThanOrEqual(1);
      expect(links.length, slug).toBeLessThanOrEqual(6);
      for (const [, href, rel] of links) {
        expect(href, slug).toMatch(/^https:\/\//);
        expect(rel, slug).toContain('external');
      }
    }
  });

  it('points at the Flask documentation and OWASP session guidance across the course', () => {
    const all = slugs.map(page).join('\n');
    for (const address of [
      'https://flask.palletsprojects.com/en/stable/quickstart/#sessions',
      'https://flask.palletsprojects.com/en/stable/quickstart/#message-flashing',
      'https://flask.palletsprojects.com/en/stable/config/',
      'https://flask.palletsprojects.com/en/stable/web-security/',
      'https://flask.palletsprojects.com/en/stable/tutorial/views/',
      'https://flask.palletsprojects.com/en/stable/api/#flask.sessions.SecureCookieSessionInterface',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html',
    ])
      expect(all).toContain(`href="${address}`);
  });
});

describe('the commands the steps teach', () => {
  it('run Python as python3 everywhere', () => {
    for (const slug of slugs)
      expect(markdown(slug), slug).not.toMatch(/(^|[\s`'"])python (-[cm]\b|\S+\.py\b)/m);
  });

  it('keep the secret key in the environment, with the PowerShell form, and a .env file once the learner has a cookie', () => {
    const step = markdown('the-secret-key');
    for (const needle of [
      'app.config.from_prefixed_env()',
      "export FLASK_SECRET_KEY='",
      '$env:FLASK_SECRET_KEY = "',
    ])
      expect(step).toContain(needle);
    expect(markdown('keys-and-revocation')).toContain('python3 -m pip install python-dotenv');
    expect(markdown('keys-and-revocation')).toContain('Add `.env` to `.gitignore`');
  });

  it('ask for the flash and replay tasks on their steps', () => {
    expect(page('flash-messages')).toContain('data-task-status="see-flash"');
    expect(page('keys-and-revocation')).toContain('data-task-status="replay-old-cookie"');
  });

  it('give each step its own task, so no step arrives done from another one', () => {
    const tasks = slugs.map((slug) => /data-task-status="([a-z-]+)"/.exec(page(slug))?.[1]).filter(Boolean);
    expect(tasks.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tasks).size).toBe(tasks.length);
    expect(page('logging-in-and-out')).toContain('data-task-status="log-in-and-out"');
    expect(page('csrf')).toContain('data-task-status="see-fetch-metadata"');
  });
});

describe('the order of the course', () => {
  const stepOf = (slug: string) => slugs.indexOf(slug) + 1;

  it('keeps step 3 to the key: signed, not encrypted; the cookie is taken apart in step 5, after a Store', () => {
    const secretKey = markdown('the-secret-key');
    expect(secretKey).toContain('## Signed, not encrypted');
    for (const moved of ['| payload |', 'urlsafe_b64decode', 'zlib', 'python-dotenv'])
      expect(secretKey, moved).not.toContain(moved);
    const storing = markdown('storing-and-reading');
    expect(storing).toContain('## Look inside your cookie');
    expect(storing).toContain('urlsafe_b64decode');
    expect(secretKey).toContain(`Step ${stepOf('storing-and-reading')} takes a cookie you stored apart`);
  });

  it('names only steps that exist, numbered from 1', () => {
    for (const slug of slugs)
      for (const [, number] of markdown(slug).matchAll(/\b[Ss]teps? (\d+)/g)) {
        expect(Number(number), slug).toBeGreaterThanOrEqual(1);
        expect(Number(number), slug).toBeLessThanOrEqual(slugs.length);
      }
  });

  it('points each cross-reference at the step that explains it', () => {
    const references: [slug: string, pattern: RegExp, target: string][] = [
      ['cookie-flags-and-lifetime', /absolute timeout from step (\d+)/, 'beyond-flask'],
      ['starting-over', /very first visit in step (\d+)/, 'what-is-a-session'],
      ['logging-in-and-out', /The cookie is readable \(step (\d+)\)/, 'the-secret-key'],
      ['keys-and-revocation', /kept in the environment \(step (\d+)\)/, 'the-secret-key'],
      ['the-secret-key', /step (\d+) shows how to keep the key in a `\.env` file/, 'keys-and-revocation'],
      ['logging-in-and-out', /regenerate\(session\)/, 'logging-in-and-out'],
      ['the-template-check', /`Vary: Cookie` \(step (\d+)\)/, 'what-is-a-session'],
    ];
    for (const [slug, pattern, target] of references) {
      const found = markdown(slug).match(pattern);
      expect(found, `${slug}: ${pattern}`).not.toBeNull();
      if (found?.[1]) expect(Number(found[1]), `${slug}: ${pattern}`).toBe(stepOf(target));
    }
    expect(markdown('beyond-flask')).toContain('## An absolute timeout');
  });

  it('ends with every difference between Flask 3.1 and 2.2, after each has been explained', () => {
    const last = markdown(slugs[slugs.length - 1] ?? '');
    expect(last).toContain('## Flask 3.1 and 2.2 side by side');
    for (const row of [
      '`--debug`',
      '`len(session)`',
      '`.svg`',
      '`SESSION_COOKIE_PARTITIONED`',
      '`Domain=.example.com`',
      '`SECRET_KEY_FALLBACKS`',
    ])
      expect(last, row).toContain(row);
    expect(markdown('what-is-a-session')).not.toContain('SECRET_KEY_FALLBACKS');
  });
});

describe('what the lessons say beyond Flask itself', () => {
  it("date regenerate() to Flask-Session 0.7 and name Chrome's two-minute Lax window", () => {
    expect(markdown('logging-in-and-out')).toContain('`regenerate()` arrived in Flask-Session 0.7');
    expect(markdown('beyond-flask')).toContain('Flask-Session 0.7 and later');
    expect(markdown('csrf')).toContain('for the first two minutes after such a cookie is set');
  });

  it('cover testing, your own types, private pages, Flask-Login and the debugger', () => {
    expect(markdown('storing-and-reading')).toContain('## Testing code that uses the session');
    expect(markdown('storing-and-reading')).toContain('For your own types');
    expect(markdown('logging-in-and-out')).toContain('## Keep signed-in pages out of shared caches');
    expect(markdown('logging-in-and-out')).toContain('## Flask-Login');
    expect(markdown('the-import')).toContain('never use `--debug`');
  });
});

describe('the key code of each step', () => {
  it('is not repeated word for word in the text below it', () => {
    for (const slug of slugs) {
      const key = keyCode(slug).trim();
      for (const { code } of codeBlocks(slug)) expect(code.trim(), slug).not.toBe(key);
    }
  });
});
