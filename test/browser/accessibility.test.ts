import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  describeViolations,
  openPage,
  openRecord,
  useServerAndBrowser,
} from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const stepPaths = lessonSlugs().map((slug) => `/learn/${slug}/`);
const pages = [
  '/',
  ...stepPaths,
  '/sandbox/',
  '/no-such-page/',
  // The embedded apps and the decoder's own page (what a learner without JavaScript uses).
  '/sandbox/flask/',
  '/sandbox/express/',
  // As a step frames it: its controls, the others under "More actions".
  '/sandbox/flask/?embed=1&controls=store,clear',
  '/sandbox/api/decode?cookie=eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY',
];

const env = useServerAndBrowser();
// axe is injected as a script, which the sandbox apps' Content-Security-Policy rightly blocks: bypass it here only.

/** Runs axe in the light, then the dark colour scheme, switching the page in place (no reload). */
async function expectNoViolationsInEitherScheme(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page);
    expect(violations, `${state}, ${colorScheme}:\n${describeViolations(violations)}`).toEqual([]);
    const app = page.frames().find((frame) => frame.name() === 'sandbox-flask');
    if (app === undefined) continue;
    const inApp = await axeViolations(app);
    expect(inApp, `app, ${state}, ${colorScheme}:\n${describeViolations(inApp)}`).toEqual([]);
  }
}

describe('axe-core, WCAG 2.2 AA and best practices, light and dark schemes', () => {
  // One page visits them all, each a fresh document: only loads, no clicks, so nothing one page
  // stores changes what the next shows (the home page, which shows progress, comes first).
  let page: Page;
  beforeAll(async () => {
    page = await openPage(env.browser, { bypassCSP: true });
  });
  afterAll(() => page?.context().close());

  it.each(pages)('finds no violations on %s', async (path) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(env.server.url + path, { waitUntil: 'load' });
    await expectNoViolationsInEitherScheme(page, path);
  });
});

describe('axe-core on the sandbox in use, light and dark schemes', () => {
  it('finds no violations after storing, tampering, making permanent and overflowing the cookie', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(`${env.server.url}/sandbox/`);
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    const newest = page.locator('[data-inspector-list] > li').first();
    const check = (state: string) => expectNoViolationsInEitherScheme(page, state);

    await app.getByLabel('First name', { exact: true }).fill('<b>Ada</b>');
    await app.getByRole('button', { name: 'Store', exact: true }).click();
    await expect.poll(() => newest.textContent()).toMatch(/Ada/);
    await page.locator('.inspector-code > summary').click();
    await check('stored');

    const cookie = page.getByLabel('Flask session cookie (edit it)');
    await expect.poll(() => cookie.inputValue()).not.toBe('');
    await cookie.fill(`x${await cookie.inputValue()}`);
    await page.getByRole('button', { name: 'Send the edited cookie to Flask' }).click();
    await expect.poll(() => newest.textContent()).toMatch(/bad signature/i);
    await check('tampered');

    await app.getByRole('button', { name: 'Make permanent' }).click();
    await expect.poll(() => newest.textContent()).toMatch(/permanent/i);
    await page.getByRole('button', { name: 'Store a value that is too big' }).click();
    const oversize = page.locator('[data-inspector-list] > li', {
      hasText: 'POST /sandbox/flask/lab/oversize',
    });
    await expect.poll(() => oversize.count()).toBe(1);
    await openRecord(oversize);
    await check('oversize');
    await page.context().close();
  });
});

describe.each(['light', 'dark'] as const)('axe-core on a step page in use, %s scheme', (colorScheme) => {
  it('finds no violations with the change strip, task help, lab verdicts, the pane’s tabs, both engines and reset', async () => {
    const page = await openPage(env.browser, {
      colorScheme,
      viewport: { width: 1366, height: 900 },
      bypassCSP: true,
    });
    const check = async (state: string) => {
      const violations = await axeViolations(page);
      expect(violations, `${state}:\n${describeViolations(violations)}`).toEqual([]);
    };
    await page.goto(`${env.server.url}/learn/the-secret-key/`);
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    await app.getByLabel('First name', { exact: true }).fill('Ada');
    await app.getByRole('button', { name: 'Store', exact: true }).click();
    await expect.poll(() => page.locator('.change-title').textContent()).toMatch(/^POST \/store/);
    await page.locator('.change-detail > summary').click();
    await page.locator('.task-hint > summary').click();
    await page.locator('.task-solution > summary').click();
    await check('stored, strip detail, hint and solution open');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await check('the Inspector tab');
    await page.getByRole('tab', { name: 'Code' }).click();
    await check('the Code tab');

    await page.getByRole('tab', { name: 'App' }).click();
    await page.locator('[data-lab-fold] > summary').click();
    await page.getByRole('button', { name: 'Send the edited cookie', exact: true }).click();
    await expect
      .poll(() => page.locator('form[data-lab="tamper"] [data-lab-result]').textContent())
      .toMatch(/Show in inspector/);
    await page.getByRole('button', { name: 'Use a weak key and sign my session with it' }).click();
    await page.getByRole('button', { name: 'Guess the key from my cookie' }).click();
    await expect
      // The guess runs a pool of workers over the word list: on two busy cores it can take seconds.
      .poll(() => page.locator('form[data-lab="guess"] [data-lab-result]').textContent(), { timeout: 15_000 })
      .toMatch(/Found the key/);
    await check('lab verdicts');

    await page.goto(`${env.server.url}/learn/beyond-flask/`);
    await check('both engines side by side');

    await page.goto(`${env.server.url}/`);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await check('reset confirmation');
    await page.context().close();
  });
});
