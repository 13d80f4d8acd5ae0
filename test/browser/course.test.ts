import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const slugs = lessonSlugs();

const env = useServerAndBrowser();

/** Picks an answer by clicking its label; returns the feedback text now shown. */
async function choose(page: Page, correct: boolean): Promise<string> {
  const answer = page.locator(`.question .answer[data-correct="${correct}"]`).first();
  await answer.locator('label').click();
  const feedback = answer.locator('.feedback');
  await expect.poll(() => feedback.isVisible()).toBe(true);
  return (await feedback.textContent()) ?? '';
}

describe('a student reading the course', () => {
  it('copies a code block with the copy button', async () => {
    const page = await openPage(env.browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${env.server.url}/learn/${slugs[1]}/`);
    const first = page.locator('.code-frame').first();
    await first.getByRole('button', { name: 'Copy code to clipboard' }).click();
    await expect.poll(() => first.locator('.copy-button').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe((await first.locator('pre').textContent())?.replace(/\n$/, ''));
  });
});

describe('copying on a plain-http classroom address', () => {
  it('falls back when navigator.clipboard is missing, naming the keys to press if even that fails', async () => {
    const page = await openPage(env.browser);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    await page.goto(`${env.server.url}/learn/${slugs[1]}/`);
    const first = page.locator('.code-frame').first();
    await first.getByRole('button', { name: 'Copy code to clipboard' }).click();
    await expect.poll(() => first.locator('.copy-button').textContent()).toMatch(/^(Copied|Press Ctrl\+C)$/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the course without JavaScript', () => {
  it('reads every step and still shows feedback on the chosen answer', async () => {
    const page = await openPage(env.browser, { javaScriptEnabled: false });
    for (const slug of slugs) {
      await page.goto(`${env.server.url}/learn/${slug}/`);
      expect(await page.locator('article.lesson h1').isVisible()).toBe(true);
      expect(await page.locator('.prose p').count()).toBeGreaterThan(2);
      expect(await page.locator('pre.astro-code').first().isVisible()).toBe(true);
    }
    const feedback = await choose(page, true);
    expect(feedback).toMatch(/^Right\./);
  });
});

describe('on a phone, in dark mode', () => {
  it('fits 375 px without sideways scrolling and uses the dark palette', async () => {
    const page = await openPage(env.browser, {
      viewport: { width: 375, height: 812 },
      colorScheme: 'dark',
      isMobile: true,
    });
    for (const path of ['/', ...slugs.map((slug) => `/learn/${slug}/`)]) {
      await page.goto(env.server.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
    }
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(15, 18, 22)');
  });
});

describe('long lines of code', () => {
  it.each([360, 768, 1366, 1920])(
    'wrap inside their box on every step at %i px, every line drawn',
    async (width) => {
      const page = await openPage(env.browser, { viewport: { width, height: 900 } });
      for (const slug of slugs) {
        await page.goto(`${env.server.url}/learn/${slug}/`);
        const problems = await page.evaluate(() => {
          const lesson = document.querySelector('#lesson')?.getBoundingClientRect();
          const found: string[] = [];
          for (const pre of document.querySelectorAll<HTMLElement>('#lesson pre.astro-code')) {
            const box = pre.getBoundingClientRect();
            const start = pre.textContent?.slice(0, 30);
            if (pre.scrollWidth > pre.clientWidth + 1) found.push(`hidden to the right: ${start}`);
            if (!lesson || box.right > lesson.right + 1 || box.right > innerWidth)
              found.push(`past the lesson's edge: ${start}`);
            // Every line, blank ones too, is at least one line high.
            for (const line of pre.querySelectorAll<HTMLElement>('.line'))
              if (
                line.getBoundingClientRect().height <
                Number.parseFloat(getComputedStyle(line).lineHeight) - 1
              )
                found.push(`a line missing: ${start}`);
          }
          return found;
        });
        expect(problems, `${slug} at ${width} px`).toEqual([]);
      }
      await page.context().close();
    },
    90_000,
  );
});

describe('by keyboard alone', () => {
  it('skips to the content, answers a question and moves to the next step', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/learn/${slugs[2]}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lesson');

    // Tab until a radio button of the question has focus, then choose with Space.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio'))
        break;
    }
    await page.keyboard.press('Space');
    expect(await page.locator('.question input:checked').count()).toBe(1);
    expect(await page.locator('.question .answer:has(input:checked) .feedback').isVisible()).toBe(true);

    // Arrow keys only move the choice: no feedback until Enter (or the Check button) checks it.
    const shown = page.locator('.question .answer .feedback:visible');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.question input:checked').count()).toBe(1);
    expect(await shown.count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await page.locator('.question .answer:has(input:checked) .feedback').isVisible()).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await shown.count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Check');
    await page.keyboard.press('Enter');
    expect(await page.locator('.question .answer:has(input:checked) .feedback').isVisible()).toBe(true);
    expect(await page.locator('[data-question-status]').textContent()).toMatch(/^(Right|Not quite)\./);

    // The focus ring is visible on links.
    const next = page.getByRole('link', { name: /^Next:/ });
    await next.focus();
    const outline = await next.evaluate((link) => getComputedStyle(link).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${env.server.url}/learn/${slugs[3]}/`);
  });
});
