/** What the browser tests do on a step page: open it, store a name in the framed app, check it is seen. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeSeen, seen } from './visibility.ts';

export const flask = (page: Page) => page.frameLocator('iframe[name="sandbox-flask"]');
export const strip = (page: Page) => page.locator('[data-change-strip="flask"]');

/** Fails unless `target` is inside the viewport and not covered. */
export async function expectSeen(page: Page, what: string, target: Locator): Promise<void> {
  await expect.poll(() => target.count(), { message: `${what} exists` }).toBeGreaterThan(0);
  const report = await seen(page, target.first());
  expect(report.inViewport && report.uncovered, describeSeen(what, report)).toBe(true);
}

/** Opens a step page and waits until the change strip has read the app's first page. */
export async function openStep(page: Page, baseUrl: string, slug: string): Promise<void> {
  await page.goto(`${baseUrl}/learn/${slug}/`);
  await expect.poll(() => strip(page).locator('.change-verdict').count()).toBe(1);
}

/** Stores a first name in the framed Flask app and waits for the strip to show that POST. */
export async function store(page: Page, name: string): Promise<void> {
  await flask(page).getByLabel('First name', { exact: true }).fill(name);
  await flask(page).getByRole('button', { name: 'Store', exact: true }).click();
  await expect.poll(() => flask(page).locator('.output').textContent()).toContain(name);
  await expect.poll(() => strip(page).locator('.change-title').textContent()).toMatch(/^POST \/store/);
}
