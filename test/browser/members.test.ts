/**
 * What a learner sees in Chromium on the members' app and the challenges page: logging in beside
 * step 8 ("Logged in as ada", the members' page, the task ticked after logging out), a wrong
 * password's message, and the replay challenge played by pressing its buttons until the page says
 * "Solved", then Reset.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { flask, openStep, strip } from '../helpers/step-page.ts';

const env = useServerAndBrowser();

const byRole = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
/** Room for a navigation on a busy machine (vitest's default is 1 s). */
const wait = { timeout: 10_000 };

describe("the members' app beside step 8", () => {
  it('a wrong password is refused in words; ada logs in, sees the members page, logs out; the task ticks', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, env.server.url, 'logging-in-and-out');
    const app = flask(page);
    const status = page.locator('[data-task-status="log-in-and-out"]');
    expect(await status.textContent()).toMatch(/Not done yet/);

    await app.getByLabel('Username').fill('ada');
    await app.getByLabel('Password').fill('not her password');
    await app.getByRole('button', { name: 'Log in' }).click();
    await expect
      .poll(() => app.getByRole('alert').textContent(), wait)
      .toContain('Wrong username or password. Nothing was stored in the session.');

    await app.getByLabel('Username').fill('ada');
    await app.getByLabel('Password').fill('lovelace');
    await app.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => app.locator('body').textContent(), wait).toContain('Logged in as ada');
    await expect.poll(() => strip(page).locator('.change-title').textContent(), wait).toMatch(/\/members/);
    expect(await app.locator('body').textContent()).not.toContain('lovelace');

    await app.getByRole('button', { name: 'Log out' }).first().click();
    await expect.poll(() => app.getByLabel('Username').count(), wait).toBe(1);
    expect(await app.locator('body').textContent()).not.toContain('Logged in as');
    await expect.poll(() => status.textContent(), wait).toContain('Done ✓');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('the challenges page', () => {
  it('replaying the captured admin cookie: accepted by Flask, refused server-side, "Solved" and counted; Reset clears it', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await page.goto(`${env.server.url}/sandbox/challenges/`);
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('0 of 3 solved');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      '1. Forge an admin session with the public key',
      '2. Guess a weak key, then forge',
      '3. Replay the admin’s cookie after logout',
    ]);

    await byRole(page, 'Watch the admin log in and out (Flask engine)').click();
    await page.getByRole('button', { name: 'Replay it on the Flask engine' }).click();
    // The replayed cookie opens the members' page as admin: the app says so.
    await expect.poll(() => page.locator('body').textContent(), wait).toContain('Logged in as admin');

    await page.goto(`${env.server.url}/sandbox/challenges/`);
    await expect
      .poll(() => page.locator('body').textContent(), wait)
      .toContain('The Flask engine accepted it after the logout.');
    expect(await page.getByRole('status').first().textContent()).toContain('0 of 3 solved');

    await byRole(page, 'Watch the admin log in and out (server-side engine)').click();
    await page.getByRole('button', { name: 'Replay it on the server-side engine' }).click();
    await expect.poll(() => page.locator('body').textContent(), wait).toContain('Replay refused.');
    const banners = await page.locator('p.solved').allTextContents();
    expect(banners.join('\n')).toContain('Solved: Replay the admin’s cookie after logout.');
    expect(await page.locator('body').textContent()).not.toContain('Logged in as admin');
    await page.screenshot({ path: '/tmp/polish-replay-solved.png' });

    await page.goto(`${env.server.url}/sandbox/challenges/`);
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('1 of 3 solved');
    const replay = page.locator('section#replay');
    expect(await replay.getByRole('heading').textContent()).toContain('✓ Solved');
    expect(await replay.textContent()).toContain('revocation needs server state');
    expect(await page.locator('section#forge').getByRole('heading').textContent()).not.toContain('Solved');

    await byRole(page, 'Reset my challenge progress').click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('0 of 3 solved');
    expect(await replay.getByRole('heading').textContent()).not.toContain('Solved');
    expect(pageErrors(page)).toEqual([]);
  });
});
