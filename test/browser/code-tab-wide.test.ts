/**
 * Cause and effect in one screen on a wide desktop: at 1920×1080 a learner who opens Code, presses
 * Run and stores a name in their own app sees their app's answer, the session change and the new
 * Set-Cookie together, without scrolling. (1366×900 is covered in code-tab.test.ts.)
 */
import { expect, it } from 'vitest';
import { blockOtherHosts, openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { expectSeen } from '../helpers/step-page.ts';

const env = useServerAndBrowser();
const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;

it('at 1920×1080, Run and Store in real Flask leave the change, the Set-Cookie and the app in view', {
  timeout: 90_000,
}, async () => {
  const page = await openPage(env.browser, { viewport: { width: 1920, height: 1080 } });
  const leaving: string[] = [];
  await blockOtherHosts(page, env.server.url, leaving);
  await page.goto(`${env.server.url}/learn/storing-and-reading/`);
  await page.getByRole('tab', { name: 'Code' }).click();
  await page.getByRole('textbox', { name: 'flask_app.py' }).waitFor();
  const runButton = page.getByRole('button', { name: 'Run' });
  await runButton.click();
  await expect.poll(() => runButton.getAttribute('aria-busy'), { timeout: 60_000 }).toBeNull();
  await expect.poll(() => page.locator('[data-code-status]').textContent()).toBe('200 OK');

  const framed = page.frameLocator('[data-code-frame]');
  await framed.locator('#firstName').fill('Ada');
  await framed.locator('form[action="/store"] button').click();
  const strip = page.locator('[data-change-strip="flask"]');
  await expect.poll(() => strip.locator('.change-title').textContent()).toMatch(/^POST \/store → 302/);
  await expect.poll(() => framed.locator('body').textContent()).toContain('First Name: Ada');

  await page.screenshot({ path: `${screenshots}code-tab-stored-1920.png` });
  expect(await page.evaluate(() => scrollY)).toBe(0);
  await expectSeen(page, "the learner's app", page.locator('[data-code-frame]'));
  await expectSeen(page, "the app's output and Store form", framed.locator('#firstName'));
  await expectSeen(page, 'the session change', strip.locator('.change-diff'));
  expect(await strip.locator('.change-diff').textContent()).toContain('firstName: (none) → "Ada"');
  await expectSeen(page, 'the new Set-Cookie', strip.locator('.change-set-cookie'));
  expect(leaving).toEqual([]);
  expect(pageErrors(page)).toEqual([]);
  await page.context().close();
});
