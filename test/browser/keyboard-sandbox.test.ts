/**
 * The sandbox by keyboard alone: "Skip to the sandbox" is the second Tab stop, and from there a few
 * presses reach the app's first-name field (it took 35 from the top of the page before the link);
 * after a form sent from the app, focus moves to the heading of the change strip that says what the
 * action did, not to the reloaded frame's body.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { openStep, strip } from '../helpers/step-page.ts';

const env = useServerAndBrowser();
const wait = { timeout: 10_000 };

/** The focused element's text in the page, or the id of the focused field inside the app's frame. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLIFrameElement) {
      const inner = active.contentDocument?.activeElement;
      return `frame:${active.name}:${inner?.id ?? ''}`;
    }
    return active?.id ? `#${active.id}` : (active?.textContent ?? '').trim();
  });
}

describe('the sandbox by keyboard', () => {
  it('skips to the sandbox, reaches the first-name field in a few presses, and lands on the strip heading after Store', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, env.server.url, 'the-import');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to the sandbox');
    await page.keyboard.press('Enter');

    let presses = 0;
    while ((await focused(page)) !== 'frame:sandbox-flask:firstName' && presses < 40) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await focused(page)).toBe('frame:sandbox-flask:firstName');
    expect(presses).toBeLessThanOrEqual(8);

    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => strip(page).locator('.change-title').textContent(), wait)
      .toMatch(/^POST \/store/);
    await expect.poll(() => focused(page), wait).toBe('#change-heading-flask');
    expect(pageErrors(page)).toEqual([]);
  });
});
