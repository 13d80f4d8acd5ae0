/**
 * The Code tab as a learner meets it in Debian Chromium: two editors named by their files that take
 * typing, edits kept per step, Reset, Show solution, and what the tab says when this build has no
 * real Flask for the browser. Every request leaving the server's origin is blocked.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';

const env = useServerAndBrowser();
const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

async function openCode(page: Page, slug: string): Promise<void> {
  const origin = new URL(env.server.url).origin;
  await page.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin || route.request().url().startsWith('about:')
      ? route.continue()
      : route.abort(),
  );
  await page.goto(`${env.server.url}/learn/${slug}/`);
  await page.locator('[data-code-fold] > summary').click();
}

/** Whether a person sees the element: in the viewport and not covered by anything else. */
async function seen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) return false;
  const x = box.x + Math.min(box.width / 2, 40);
  const y = box.y + Math.min(box.height / 2, 10);
  return page.evaluate(
    ([sel, px, py]) => {
      const element = document.querySelector(sel as string);
      let hit = document.elementFromPoint(px as number, py as number);
      // The editors live in shadow roots: look through them.
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(px as number, py as number);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return (
        !!element &&
        !!hit &&
        (element.contains(hit) || (element as Element).shadowRoot?.contains(hit) === true)
      );
    },
    [selector, x, y],
  );
}

describe('the Code tab', () => {
  it('has editors named flask_app.py and templates/index.html that take typing, kept per step', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openCode(page, 'the-secret-key');
    const app = page.getByRole('textbox', { name: 'flask_app.py' });
    const template = page.getByRole('textbox', { name: 'templates/index.html' });
    await app.scrollIntoViewIfNeeded();
    expect(await app.textContent()).toContain("app.secret_key = 'w98fw9ef8hwe98fhwef'");
    expect(await template.textContent()).toContain("{% if 'firstName' in session %}");
    expect(await seen(page, '[data-code-editor="flask_app.py"]')).toBe(true);

    await app.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# my own copy\n');
    await template.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('<!-- mine -->');
    expect(await app.textContent()).toContain('# my own copy');
    expect(await template.textContent()).toContain('<!-- mine -->');
    await page.screenshot({ path: `${screenshots}code-tab-typed.png`, fullPage: false });

    // Tab does not trap: it moves focus out of the editor.
    await app.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[data-code-editor="flask_app.py"]')),
    ).toBeNull();

    await page.reload();
    await page.locator('[data-code-fold] > summary').click();
    expect(await page.getByRole('textbox', { name: 'flask_app.py' }).textContent()).toContain(
      '# my own copy',
    );
    expect(await page.getByRole('textbox', { name: 'templates/index.html' }).textContent()).toContain(
      '<!-- mine -->',
    );

    // Another step has its own copy: the handout's code.
    await page.goto(`${env.server.url}/learn/starting-over/`);
    await page.locator('[data-code-fold] > summary').click();
    expect(await page.getByRole('textbox', { name: 'flask_app.py' }).textContent()).not.toContain(
      '# my own copy',
    );
    expect(pageErrors(page)).toEqual([]);
  });

  it("shows a task's solution, and Reset brings back the handout's code", async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openCode(page, 'cookie-flags-and-lifetime');
    const app = page.getByRole('textbox', { name: 'flask_app.py' });
    expect(await page.locator('[data-code-task="five-minute-session"]').textContent()).toContain(
      'A session that lasts 5 minutes',
    );
    await page.getByRole('button', { name: 'Show solution' }).click();
    expect(await app.textContent()).toContain('app.permanent_session_lifetime = timedelta(minutes=5)');
    await page.getByRole('button', { name: 'Show solution' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}code-tab-solution.png` });

    await page.getByRole('button', { name: "Reset to the handout's code" }).click();
    expect(await app.textContent()).not.toContain('timedelta(minutes=5)');
    await page.reload();
    await page.locator('[data-code-fold] > summary').click();
    expect(await page.getByRole('textbox', { name: 'flask_app.py' }).textContent()).not.toContain(
      'timedelta',
    );
    expect(pageErrors(page)).toEqual([]);
  });

  it('says how to enable real Flask when this build has none, and Run waits', async () => {
    const page = await openPage(env.browser, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await openCode(page, 'the-secret-key');
    const note = page.locator('[data-code-availability]');
    await expect.poll(() => note.textContent()).toContain('FLASK_PYTHON');
    expect(await page.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await note.scrollIntoViewIfNeeded();
    expect(await seen(page, '[data-code-availability]')).toBe(true);
    await page.screenshot({ path: `${screenshots}code-tab-dark-phone.png` });
    expect(pageErrors(page)).toEqual([]);
  });
});
