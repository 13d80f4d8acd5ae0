/**
 * The Code tab as a learner meets it in Debian Chromium: two editors named by their files that take
 * typing, edits kept per step, Reset, Show solution, what the tab says when a build has no real
 * Flask, and real Flask (Pyodide in a Web Worker) running the learner's code: Run, Store, a new key,
 * a syntax error, an endless loop. Every request leaving the server's origin is blocked and recorded.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { droppedCookieNote } from '../../src/lib/inspector/cookies.ts';
import {
  axeViolations,
  blockOtherHosts,
  describeViolations,
  openPage,
  pageErrors,
  useServerAndBrowser,
} from '../helpers/browser.ts';
import { expectSeen } from '../helpers/step-page.ts';

const env = useServerAndBrowser();
/** The handout's flask_app.py: what the editor starts from. */
const handoutApp = readFileSync(new URL('../../sandbox/apps/flask_app.py', import.meta.url), 'utf8');
const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

/** Requests the page tried to send to another host (all blocked). */
const leaving: string[] = [];

async function openCode(page: Page, slug: string): Promise<void> {
  await page.goto(`${env.server.url}/learn/${slug}/`);
  await page.getByRole('tab', { name: 'Code' }).click();
  // The editors load when Code is opened; a learner acts once the handout's code is an editor.
  await page.getByRole('textbox', { name: 'flask_app.py' }).waitFor();
}

/** A screenshot of the page as the learner sees it, for a person to look at. */
const shoot = (page: Page, name: string) => page.screenshot({ path: `${screenshots}code-tab-${name}.png` });

const appEditor = (page: Page) => page.getByRole('textbox', { name: 'flask_app.py' });

/** Replaces the whole of flask_app.py, as a paste would. */
async function replaceApp(page: Page, text: string): Promise<void> {
  await appEditor(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/**
 * Puts a syntax error (`def broken(:`) right after `app = Flask(…)` in the handout's app; returns the
 * 0-based index of the `app = Flask(` line, so the error is on line index + 2.
 */
async function breakApp(page: Page): Promise<number> {
  const lines = handoutApp.split('\n');
  const at = lines.findIndex((line) => line.startsWith('app = Flask('));
  lines.splice(at + 1, 0, 'def broken(:');
  await replaceApp(page, lines.join('\n'));
  return at;
}

/** The session real CPython Flask reads from `cookie` with `key`, or null when the signature fails. */
function verifiedByCPython(cookie: string, key: string): unknown {
  const script = [
    'import json, sys',
    'from flask import Flask',
    'app = Flask("check")',
    'app.secret_key = sys.argv[1]',
    'serializer = app.session_interface.get_signing_serializer(app)',
    'try:',
    '    print(json.dumps(serializer.loads(sys.argv[2])))',
    'except Exception:',
    '    print("null")',
  ].join('\n');
  const python = process.env.FLASK_PYTHON || 'python3';
  return JSON.parse(execFileSync(python, ['-c', script, key, cookie], { encoding: 'utf8' }));
}

describe('the Code tab', () => {
  beforeAll(() => {
    leaving.length = 0;
  });

  it('has editors named flask_app.py and templates/index.html that take typing, kept per step', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await blockOtherHosts(page, env.server.url, leaving);
    await openCode(page, 'the-secret-key');
    const app = appEditor(page);
    const template = page.getByRole('textbox', { name: 'templates/index.html' });
    expect(await app.textContent()).toContain("app.secret_key = 'w98fw9ef8hwe98fhwef'");
    expect(await template.textContent()).toContain('<h1>Sessions in Flask</h1>');
    await page.locator('[data-code-editor="flask_app.py"]').scrollIntoViewIfNeeded();
    await expectSeen(page, 'the flask_app.py editor', page.locator('[data-code-editor="flask_app.py"]'));

    await app.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# my own copy\n');
    await template.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('<!-- mine -->');
    expect(await app.textContent()).toContain('# my own copy');
    expect(await template.textContent()).toContain('<!-- mine -->');

    // Tab does not trap: it moves focus out of the editor.
    await app.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[data-code-editor="flask_app.py"]')),
    ).toBeNull();

    await page.reload();
    await page.getByRole('tab', { name: 'Code' }).click();
    expect(await appEditor(page).textContent()).toContain('# my own copy');
    expect(await page.getByRole('textbox', { name: 'templates/index.html' }).textContent()).toContain(
      '<!-- mine -->',
    );

    // Another step has its own copy: the handout's code.
    await openCode(page, 'starting-over');
    expect(await appEditor(page).textContent()).not.toContain('# my own copy');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it("shows a task's solution, and Reset brings back the handout's code", async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await blockOtherHosts(page, env.server.url, leaving);
    await openCode(page, 'cookie-flags-and-lifetime');
    const app = appEditor(page);
    expect(await page.locator('[data-code-task="five-minute-session"]').textContent()).toContain(
      'A session that lasts 5 minutes',
    );
    await page.getByRole('button', { name: 'Show solution' }).click();
    expect(await app.textContent()).toContain('app.permanent_session_lifetime = timedelta(minutes=5)');

    await page.getByRole('button', { name: "Reset to the handout's code" }).click();
    expect(await app.textContent()).not.toContain('timedelta(minutes=5)');
    await page.reload();
    await page.getByRole('tab', { name: 'Code' }).click();
    expect(await appEditor(page).textContent()).not.toContain('timedelta');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('says how to enable real Flask when a build has none, and Run waits', async () => {
    const page = await openPage(env.browser, { colorScheme: 'dark', viewport: { width: 375, height: 812 } });
    await blockOtherHosts(page, env.server.url, leaving);
    // A build without Flask has no manifest: the server answers 404 for it.
    await page.route('**/_pyodide/manifest.json', (route) => route.fulfill({ status: 404, body: '' }));
    await openCode(page, 'the-secret-key');
    const note = page.locator('[data-code-availability]');
    await expect.poll(() => note.textContent()).toContain('FLASK_PYTHON');
    expect(await page.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await note.scrollIntoViewIfNeeded();
    await expectSeen(page, 'how to enable real Flask', note);
    await page.screenshot({ path: `${screenshots}code-tab-no-flask-dark-phone.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('real Flask in the browser, one page through Run, Store, a new key, an error and a loop', {
  timeout: 90_000,
}, () => {
  let page: Page;
  let framed: FrameLocator;
  const violations: string[] = [];
  const pyodideRequests: string[] = [];
  const strip = () => page.locator('[data-change-strip="flask"]');
  const status = () => page.locator('[data-code-status]');

  beforeAll(async () => {
    leaving.length = 0;
    page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await blockOtherHosts(page, env.server.url, leaving);
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('request', (request) => {
      if (request.url().includes('/_pyodide/') && !request.url().endsWith('manifest.json'))
        pyodideRequests.push(request.url());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    framed = page.frameLocator('[data-code-frame]');
  });

  afterAll(async () => {
    await page?.context().close();
  });

  /** Stores a first name in the learner's app and waits until the strip shows that POST. */
  async function storeName(name: string): Promise<void> {
    await framed.locator('#firstName').fill(name);
    await framed.locator('form[action="/store"] button').click();
    await expect.poll(() => strip().locator('.change-title').textContent()).toMatch(/^POST \/store → 302/);
  }

  /** The session cookie's value in the strip's Set-Cookie line. */
  async function stripCookie(): Promise<string> {
    const line = (await strip().locator('.change-set-cookie').textContent()) ?? '';
    return /session=([^;\s]+)/.exec(line)?.[1] ?? '';
  }

  async function run(): Promise<void> {
    await page.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Run' }).getAttribute('aria-busy'), { timeout: 60_000 })
      .toBeNull();
  }

  it('fetches nothing of Pyodide until Code is opened, then shows its progress and versions', async () => {
    await page.goto(`${env.server.url}/learn/the-secret-key/`);
    await expect.poll(() => strip().locator('.change-verdict').count()).toBe(1);
    expect(pyodideRequests).toEqual([]);
    const started = Date.now();
    await page.getByRole('tab', { name: 'Code' }).click();
    await expect.poll(() => pyodideRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-code-versions]').textContent(), { timeout: 60_000 })
      .toMatch(/^Real Flask 3\.1\.\d+ in your browser \(Werkzeug .*Python 3\./);
    console.log(`real Flask ready in Chromium: ${Date.now() - started} ms after opening Code`);
    expect(await page.locator('[data-code-progress]').isHidden()).toBe(true);
  });

  it("Run, Store: the strip's Set-Cookie verifies in CPython Flask with the editor's key", async () => {
    await run();
    await expect.poll(() => status().textContent()).toBe('200 OK');
    await expectSeen(page, "the app's form", framed.locator('#firstName'));
    const started = Date.now();
    await storeName('Ada');
    console.log(`Store in real Flask (POST + GET, shown in the strip): ${Date.now() - started} ms`);
    await expect.poll(() => framed.locator('body').textContent()).toContain('First Name: Ada');
    // The handout's page prints the stored name right above this form, under its heading.
    await expectSeen(page, "the app's output and Store form", framed.locator('#firstName'));
    await expectSeen(page, 'the change in the strip', strip().locator('.change-diff'));
    await expectSeen(page, 'the Set-Cookie in the strip', strip().locator('.change-set-cookie'));
    expect(await strip().locator('.change-engine').textContent()).toBe('Ran in: Real Flask in your browser');
    expect(await strip().locator('.change-diff').textContent()).toContain('firstName: (none) → "Ada"');
    const cookie = await stripCookie();
    expect(verifiedByCPython(cookie, 'w98fw9ef8hwe98fhwef')).toEqual({ firstName: 'Ada' });
    await page.screenshot({ path: `${screenshots}code-tab-stored-1366.png` });
    await shoot(page, 'stored-1366');
  });

  it("real Flask's cookie is cut into payload · timestamp · signature, in the strip and the inspector", async () => {
    const [payload, timestamp, signature] = (await stripCookie()).split('.');
    const parts = strip().locator('.change-set-cookie .cookie-parts');
    expect(await parts.locator('.seg-payload').textContent()).toBe(payload);
    expect(await parts.locator('.seg-timestamp').textContent()).toBe(timestamp);
    expect(await parts.locator('.seg-signature').textContent()).toBe(signature);
    await expectSeen(page, 'the legend of the parts', strip().locator('.change-legend'));
    await strip().getByRole('link', { name: 'Show in the inspector' }).click();
    const entry = (request: string) =>
      page.locator('[data-inspector-list] > li').filter({ hasText: request }).first().locator('details');
    const post = entry('POST /store');
    await expect.poll(() => post.getAttribute('open')).not.toBeNull();
    const anatomy = post.locator('.anatomy-parts');
    const text = (await anatomy.textContent()) ?? '';
    expect(text).toContain('{"firstName":"Ada"}');
    expect(text).toContain('Session: {');
    expect(text).toContain(signature);
    // The cookie Flask just set: the page holds no key, so it says who checks it instead of a verdict.
    expect(text).toContain('Not checked by this page: the key is in your app.');
    expect(text).not.toContain('Verifies with');
    // The learner scrolls the opened entry down to its anatomy, below its headers.
    await anatomy.locator('dt').first().scrollIntoViewIfNeeded();
    await expectSeen(page, "the cookie's parts in the inspector", anatomy.locator('dt').first());
    // The GET after it sent that cookie: Flask's own verdict, as the bridge reported it.
    const get = entry('GET /');
    if ((await get.getAttribute('open')) === null) await get.locator('summary').click();
    expect(await get.locator('.anatomy-parts').textContent()).toContain(
      'Verifies with the current key. (checked by Flask in your browser, when the request came in)',
    );
    await shoot(page, 'inspector-anatomy-1366');
    await page.getByRole('tab', { name: 'Code' }).click();
  });

  it("a cookie over 4 KB: the jar drops it and the strip says so in the site's one sentence", async () => {
    await framed.locator('#firstName').fill(randomBytes(3600).toString('base64url'));
    await framed.locator('form[action="/store"] button').click();
    const line = strip().locator('.change-set-cookie');
    await expect.poll(() => line.textContent()).toContain(droppedCookieNote);
    expect(await strip().locator('.change-verdict').textContent()).toContain('Over 4 KB');
    await shoot(page, 'dropped-1366');
    await expectSeen(page, 'the dropped-cookie note', line.locator('.note').first());
    // The jar kept the old cookie: the page still greets Ada.
    expect(await framed.locator('body').textContent()).toContain('First Name: Ada');
  });

  it('a new key: the old cookie comes back empty, the new one verifies with the new key only', async () => {
    const oldCookie = await stripCookie();
    expect(await appEditor(page).textContent()).toContain("app.secret_key = 'w98fw9ef8hwe98fhwef'");
    await replaceApp(page, handoutApp.replace("'w98fw9ef8hwe98fhwef'", "'my-own-new-key'"));
    await run();
    await expect.poll(() => strip().locator('.change-verdict').textContent()).toContain('Bad signature');
    expect(await framed.locator('body').textContent()).not.toContain('First Name: Ada');
    await storeName('Grace');
    const newCookie = await stripCookie();
    expect(newCookie).not.toBe(oldCookie);
    expect(verifiedByCPython(newCookie, 'my-own-new-key')).toEqual({ firstName: 'Grace' });
    expect(verifiedByCPython(newCookie, 'w98fw9ef8hwe98fhwef')).toBeNull();
  });

  it('a syntax error: the traceback in view and the line marked; after the fix the app works', async () => {
    const good = handoutApp;
    const at = await breakApp(page);
    await run();
    await expect.poll(() => status().textContent()).toMatch(/^500 INTERNAL SERVER ERROR: SyntaxError/);
    // The strip no longer presents the last exchange as what the app does now.
    const failed = strip().locator('.change-failed');
    await expect
      .poll(() => failed.textContent())
      .toMatch(
        new RegExp(
          `^✗ Your app did not load: SyntaxError on line ${at + 2} of flask_app\\.py .*Fix it and press Run\\.$`,
        ),
      );
    await expectSeen(page, 'the strip saying the app did not load', failed);
    expect(await strip().locator('[data-change-body] > .change-title').count()).toBe(0);
    expect(await strip().getByText('The last exchange before this Run').isVisible()).toBe(true);
    expect(await strip().locator('.change-diff').first().isVisible()).toBe(false);
    await shoot(page, 'not-loaded-1366');
    const traceback = page.locator('[data-code-traceback]');
    expect(await traceback.textContent()).toContain('flask_app.py');
    await expectSeen(page, 'the traceback', traceback);
    const marked = page.locator('[data-code-editor="flask_app.py"] .cm-error-line');
    await page.screenshot({ path: `${screenshots}code-tab-traceback-1366.png` });
    await checkAxe('a traceback');
    // Scrolled up to the editor, the learner finds the failing line marked, in the editor's view.
    await page.locator('[data-code-editor="flask_app.py"]').scrollIntoViewIfNeeded();
    await marked.evaluate((line) => line.scrollIntoView({ block: 'center' }));
    // The line lives in the editor's shadow root, where document.elementFromPoint stops at its host.
    const markSeen = await marked.evaluate((line) => {
      const box = line.getBoundingClientRect();
      const root = line.getRootNode() as ShadowRoot;
      const hit = root.elementFromPoint(box.left + 20, box.top + box.height / 2);
      const inWindow = box.top >= 0 && box.bottom <= window.innerHeight;
      return inWindow && hit !== null && line.contains(hit);
    });
    expect(markSeen, 'the marked line is in view, not covered').toBe(true);
    expect(await marked.textContent()).toBe('def broken(:');
    await page.screenshot({ path: `${screenshots}code-tab-marked-line-1366.png` });

    await replaceApp(page, good);
    await run();
    await expect.poll(() => status().textContent()).toBe('200 OK');
    expect(await traceback.isHidden()).toBe(true);
    expect(await marked.count()).toBe(0);
    await expect.poll(() => failed.count()).toBe(0);
    expect(await strip().locator('[data-change-body] > .change-title').textContent()).toBe('GET / → 200');
    await storeName('Linus');
    expect(verifiedByCPython(await stripCookie(), 'w98fw9ef8hwe98fhwef')).toEqual({ firstName: 'Linus' });
  });

  it('a request that raises: the strip names the error and the 500; after the fix it reads as before', async () => {
    const broken = handoutApp.replace(
      "session['firstName'] = request.form['firstName']",
      "session['firstName'] = request.form['firstName'] + sesion",
    );
    const line = broken.split('\n').findIndex((text) => text.includes('+ sesion')) + 1;
    await replaceApp(page, broken);
    await run();
    await framed.locator('#firstName').fill('Barbara');
    await framed.locator('form[action="/store"] button').click();
    const failed = strip().locator('.change-failed');
    await expect
      .poll(() => failed.textContent())
      .toBe(
        `✗ Your app raised NameError on line ${line} of flask_app.py (NameError: name 'sesion' is not defined), so Flask answered 500. The traceback is in the Code tab.`,
      );
    expect(await strip().locator('.change-title').textContent()).toBe('POST /store → 500');
    await expectSeen(page, 'the strip naming the error', failed);
    await replaceApp(page, handoutApp);
    await run();
    await storeName('Barbara');
    expect(await failed.count()).toBe(0);
  });

  it('while True: pass is stopped after 5 s and the page still responds; after the fix the app works', async () => {
    const good = handoutApp;
    await replaceApp(page, `${good}\nwhile True:\n    pass\n`);
    const started = Date.now();
    await page.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => status().textContent(), { timeout: 6_000 })
      .toContain('your code ran longer than 5 s, so it was stopped');
    console.log(`endless loop stopped after ${Date.now() - started} ms`);
    // The page answers at once: the App tab opens and its framed app is there.
    await page.getByRole('tab', { name: 'App' }).click();
    expect(await page.getByRole('tab', { name: 'App' }).getAttribute('aria-selected')).toBe('true');
    const serverApp = page.locator('iframe[name="sandbox-flask"]');
    await serverApp.scrollIntoViewIfNeeded();
    await expectSeen(page, "the App tab's framed app", serverApp);
    await page.getByRole('tab', { name: 'Code' }).click();
    await page.screenshot({ path: `${screenshots}code-tab-stopped-1366.png` });

    await replaceApp(page, good);
    await run();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('200 OK');
    await storeName('Edsger');
  });

  it('at 375×812 the result reads, light and dark pass axe, and nothing left the site', async () => {
    await checkAxe('after Store');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.locator('[data-code-result]').evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: `${screenshots}code-tab-stored-375.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${screenshots}code-tab-stored-375-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'stored-1366-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(leaving).toEqual([]);
    expect(violations).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  async function checkAxe(state: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const found = await axeViolations(page);
      expect(found, `${state}, ${colorScheme}:\n${describeViolations(found)}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

describe('on a phone (375×812): what Store did reads in the Code tab, and a task is judged by what the app does', {
  timeout: 120_000,
}, () => {
  let page: Page;
  let framed: FrameLocator;
  const status = () => page.locator('[data-code-status]');
  const strip = () => page.locator('[data-change-strip="flask"]');
  const task = () => page.locator('[data-code-task="new-secret-key"]');
  const paneOf = (locator: Locator) =>
    locator.evaluate((element) => element.closest('[data-pane-panel]')?.id);

  beforeAll(async () => {
    page = await openPage(env.browser, { viewport: { width: 375, height: 812 } });
    await blockOtherHosts(page, env.server.url, leaving);
    framed = page.frameLocator('[data-code-frame]');
    await openCode(page, 'the-secret-key');
  });

  afterAll(async () => {
    await page?.context().close();
  });

  async function run(): Promise<void> {
    await page.getByRole('button', { name: 'Run' }).click({ timeout: 60_000 });
    await expect
      .poll(() => page.getByRole('button', { name: 'Run' }).getAttribute('aria-busy'), { timeout: 60_000 })
      .toBeNull();
  }

  it("the handout's code leaves the task not done, with the sentence that says why", async () => {
    await run();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('200 OK');
    await expect.poll(() => task().locator('[data-code-task-status]').textContent()).toBe('Not done yet');
    const missing = task().locator('[data-code-task-missing]');
    expect(await missing.textContent()).toBe(
      'Still missing: The cookie signed with the handout\'s key still loads (the page shows "Hedy"): give app.secret_key a new value, then Run.',
    );
    await missing.scrollIntoViewIfNeeded();
    await expectSeen(page, "the task's verdict", missing);
  });

  it('Store in the framed app: the strip is right under the answer in the Code tab, in view', async () => {
    await framed.locator('#firstName').fill('Ada');
    await framed.locator('form[action="/store"] button').click();
    await expect.poll(() => strip().locator('.change-title').textContent()).toMatch(/^POST \/store → 302/);
    expect(await paneOf(strip())).toBe('pane-code');
    await expectSeen(page, 'the session change in the strip', strip().locator('.change-diff'));
    await expectSeen(page, 'the engine that ran it', strip().locator('.change-engine'));
    expect(await strip().locator('.change-diff').textContent()).toContain('firstName: (none) → "Ada"');
    await shoot(page, 'stored-375');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'stored-375-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Back in the App tab, the strip is under the server's app again.
    await page.getByRole('tab', { name: 'App' }).click();
    expect(await paneOf(strip())).toBe('pane-app');
    await page.getByRole('tab', { name: 'Code' }).click();
    expect(await paneOf(strip())).toBe('pane-code');
  });

  it('a syntax error: the answer, the traceback and "did not load" in view together; Reset mends it', async () => {
    await breakApp(page);
    await run();
    await expect.poll(() => status().textContent()).toMatch(/^500 INTERNAL SERVER ERROR: SyntaxError/);
    const failed = strip().locator('.change-failed');
    await expect.poll(() => failed.textContent()).toMatch(/^✗ Your app did not load: SyntaxError on line/);
    await expectSeen(page, "the app's answer", status());
    await expectSeen(page, 'the traceback', page.locator('[data-code-traceback-text]'));
    await expectSeen(page, 'the strip saying the app did not load', failed);
    await shoot(page, 'not-loaded-375');
    await page.getByRole('button', { name: "Reset to the handout's code" }).click();
    await run();
    await expect.poll(() => status().textContent()).toBe('200 OK');
    await expect.poll(() => failed.count()).toBe(0);
  });

  it('Show solution, Run: the task is done, judged by what the app answers in the worker', async () => {
    await task().getByRole('button', { name: 'Show solution' }).click();
    expect(await appEditor(page).textContent()).toContain(
      "app.secret_key = '2f1c9a7e4b8d3f6a0c5e9b2d7f4a1c8e'",
    );
    await run();
    const verdict = task().locator('[data-code-task-status]');
    await expect.poll(() => verdict.textContent(), { timeout: 30_000 }).toBe('Done ✓');
    expect(await task().locator('[data-code-task-missing]').textContent()).toBe('');
    await verdict.scrollIntoViewIfNeeded();
    await expectSeen(page, 'the task marked done', verdict);
    await shoot(page, 'task-done-375');
    expect(pageErrors(page)).toEqual([]);
  });
});
