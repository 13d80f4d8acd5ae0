import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  describeViolations,
  openPage,
  openRecord,
  pageErrors,
  useServerAndBrowser,
} from '../helpers/browser.ts';

const env = useServerAndBrowser();

/** The newest exchange in the inspector (always open). */
const newest = (page: Page) => page.locator('[data-inspector-list] > li').first();

async function storeName(app: FrameLocator, name: string): Promise<void> {
  await app.getByLabel('First name', { exact: true }).fill(name);
  await app.getByLabel('First name', { exact: true }).press('Enter');
}

/** Opens a step page and waits until its inspector has read the app's first page. */
async function openStep(page: Page, slug: string): Promise<void> {
  await page.goto(`${env.server.url}/learn/${slug}/`);
  await expect.poll(() => page.locator('[data-inspector-list] > li').count()).toBeGreaterThan(0);
}

/** Selects one of the sandbox pane's tabs: App, Code or Inspector. */
const showTab = (page: Page, name: 'App' | 'Code' | 'Inspector') =>
  page.getByRole('tab', { name, exact: true }).click();

describe('the sandbox beside a step', () => {
  it('shows the Set-Cookie, the three parts and the decoded firstName live, and ticks the task', async () => {
    const page = await openPage(env.browser);
    await openStep(page, 'the-import');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const status = page.locator('[data-task-status="store-first-name"]');
    expect(await status.textContent()).toMatch(/Not done yet/);

    await storeName(page.frameLocator('iframe[name="sandbox-flask"]'), 'Ada');
    await showTab(page, 'Inspector');

    await expect.poll(() => newest(page).locator('summary').textContent()).toMatch(/GET \/sandbox\/flask\//);
    const store = page.locator('[data-inspector-list] > li', { hasText: 'POST /sandbox/flask/store' });
    // The POST a page was redirected from opens by itself; close and reopen it as a learner would.
    await expect.poll(() => store.locator('details').first().getAttribute('open')).not.toBeNull();
    await store.locator('summary').first().click();
    await store.locator('summary').first().click();
    expect(await store.locator('.headers').last().textContent()).toMatch(
      /Set-Cookie: session=[\w.-]+; HttpOnly; Path=\/sandbox\/flask/,
    );
    for (const part of ['payload', 'timestamp', 'signature']) {
      expect(await newest(page).locator(`.cookie-parts .seg-${part}`).count()).toBe(1);
    }
    expect(await newest(page).locator('.anatomy-parts').textContent()).toMatch(/"firstName":\s?"Ada"/);
    expect(await newest(page).locator('.verdict').textContent()).toMatch(/Verifies with the current key/);
    // Opening the store exchange marks the lines of the store view in the Flask code.
    expect(await page.locator('[data-flask-code] [data-ran]').allTextContents()).toContain(
      "    session['firstName'] = request.form['firstName']",
    );
    expect(await page.locator('[data-inspector-live]').textContent()).toMatch(/Task done: store first name/);
    await expect.poll(() => status.textContent()).toMatch(/Done ✓/);
    expect(await status.locator('.visually-hidden').textContent()).toBe('Task status: done.');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // The step list ticks too, and the tick survives a reload.
    await page.reload();
    await expect.poll(() => status.textContent()).toMatch(/Done ✓/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the diff, rejects a tampered cookie, and passes axe with the sandbox in use', async () => {
    const page = await openPage(env.browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
    await openStep(page, 'the-secret-key');
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    await storeName(app, 'Ada');
    await expect.poll(() => newest(page).textContent()).toMatch(/Ada/);
    await storeName(app, 'Grace');
    // Wait for the second store's records, or the first store's POST would be the newest one.
    await expect.poll(() => newest(page).textContent()).toMatch(/Grace/);
    const store = page
      .locator('[data-inspector-list] > li', { hasText: 'POST /sandbox/flask/store' })
      .first();
    await expect.poll(() => store.count()).toBe(1);
    await showTab(page, 'Inspector');
    await openRecord(store);
    expect(await store.locator('.diff').textContent()).toMatch(/changed firstName: "Ada" → "Grace"/);

    await showTab(page, 'App');
    await page.locator('.lab-details > summary').click();
    const cookie = page.getByLabel('Flask session cookie (edit it)');
    await expect.poll(() => cookie.inputValue()).toMatch(/\./);
    const value = await cookie.inputValue();
    await cookie.fill(`${value.slice(0, 3)}${value[3] === 'A' ? 'B' : 'A'}${value.slice(4)}`);
    await page.getByRole('button', { name: 'Send the edited cookie', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-task-status="tamper-rejected"]').textContent())
      .toMatch(/Done ✓/);
    expect(await newest(page).textContent()).toMatch(/Bad signature: this key did not sign it/);

    // Everything open: the highlighted code (comments included) must keep its contrast too.
    await showTab(page, 'Inspector');
    await page.locator('.inspector-code > summary').click();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.screenshot({
      path: new URL('../artifacts/screenshots/sandbox-step-phone-dark.png', import.meta.url).pathname,
      fullPage: true,
    });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows both engines on the beyond-Flask step and ticks compare-engines', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1400, height: 900 } });
    await openStep(page, 'beyond-flask');
    // Both engines' apps are in view at once, side by side: nothing to switch.
    expect(await page.frameLocator('iframe[name="sandbox-flask"]').locator('body').isVisible()).toBe(true);
    expect(await page.frameLocator('iframe[name="sandbox-express"]').locator('body').isVisible()).toBe(true);
    await storeName(page.frameLocator('iframe[name="sandbox-express"]'), 'Phill');
    await expect
      .poll(() => page.locator('[data-task-status="compare-engines"]').textContent())
      .toMatch(/Done ✓/);
    expect(await newest(page).textContent()).toMatch(/Express/);
    await page.screenshot({
      path: new URL('../artifacts/screenshots/sandbox-beyond-flask.png', import.meta.url).pathname,
    });
    await page.context().close();
  });

  it('decodes a pasted cookie in the lab, showing decoding and verifying apart', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/sandbox/`);
    // Signed with another key ('not-the-demo-key'): readable by anyone, but it does not verify with the demo key.
    const cookie = 'eyJmaXJzdE5hbWUiOiJBZGEifQ.aSaj4A.cruuWUwm3fzclmW7HDTjSxlcTn8';
    await page.getByLabel('Flask session cookie', { exact: true }).fill(cookie);
    await page.getByLabel('Secret key (optional, to verify)').fill('w98fw9ef8hwe98fhwef');
    await page.getByRole('button', { name: 'Decode' }).click();
    const result = page.locator('form[data-lab="decode"] [data-lab-result]');
    await expect
      .poll(() => result.textContent())
      .toMatch(/Decoded \(no key needed\).*"firstName":\s?"Ada".*Verified\?.*Bad signature/s);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // Text that is no Flask cookie is headed as a failure, not "Decoded".
    await page.getByLabel('Flask session cookie', { exact: true }).fill('hello');
    await page.getByRole('button', { name: 'Decode' }).click();
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Could not decode this cookieNot a Flask session cookie/);
    expect(await result.textContent()).not.toContain('Decoded');
    await page.context().close();
  });

  it('replays an older cookie picked from the timeline: the cleared session comes back', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/sandbox/`);
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    await storeName(app, 'Ada');
    await expect.poll(() => app.locator('.output').textContent()).toMatch(/First Name: Ada/);
    await app.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => app.locator('.output').textContent()).toMatch(/Nothing/);
    // The picker lists the cookie the browser held before Start over, and copies it into the form.
    const field = page.getByLabel('An older cookie of yours');
    await expect.poll(() => field.inputValue()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await page.getByLabel('One of your earlier cookies').locator('option').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Replay this old cookie' }).click();
    await expect.poll(() => app.locator('.output').textContent()).toMatch(/First Name: Ada/);
    await expect
      .poll(() => page.locator('[data-inspector-list]').textContent())
      .toMatch(/even after session\.clear\(\)/);
    await page.context().close();
  });

  it('without JavaScript, the app still works and the panel says where its last exchange is', async () => {
    const page = await openPage(env.browser, { javaScriptEnabled: false });
    await page.goto(`${env.server.url}/learn/the-import/`);
    expect(await page.locator('.change-strip').textContent()).toMatch(
      /With JavaScript off, open the app on its own/,
    );
    expect(await page.getByRole('link', { name: 'open the app on its own' }).first().isVisible()).toBe(true);
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    await app.getByLabel('First name', { exact: true }).fill('Ada');
    await app.getByRole('button', { name: 'Store' }).first().click();
    await expect.poll(() => app.locator('body').textContent()).toMatch(/First Name:\s*Ada/);
    await page.context().close();
  });
});
