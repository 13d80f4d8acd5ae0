/**
 * The sandbox pane beside a lesson: tabs App | Code | Inspector, the change strip pinned in view on
 * wide screens, each step's own app controls with the rest under "More actions", step 9's engines
 * side by side, a frame that clips nothing without JavaScript, and no sideways scroll on a phone.
 * Every request leaving the server's origin is refused. Screenshots go to test/artifacts/screenshots/.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';
import { expectSeen, flask, openStep as openStepAt, store, strip } from '../helpers/step-page.ts';

const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const env = useServerAndBrowser();
const openStep = (page: Page, slug: string) => openStepAt(page, env.server.url, slug);

/** A page whose requests to any other origin are refused (and counted, to be sure there were none). */
async function openLocal(options: BrowserContextOptions = {}): Promise<{ page: Page; elsewhere: string[] }> {
  const page = await openPage(env.browser, options);
  const elsewhere: string[] = [];
  const origin = new URL(env.server.url).origin;
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  return { page, elsewhere };
}

describe.each([
  [1366, 900],
  [1920, 1080],
])('at %i×%i the pane stays beside the lesson', (width, height) => {
  it.each(['the-import', 'cookie-flags-and-lifetime'])(
    'after Store on %s the session change, the Set-Cookie and the app’s output are in view',
    async (slug) => {
      const { page, elsewhere } = await openLocal({ viewport: { width, height } });
      await openStep(page, slug);
      // Read on: the pane stays in the window as the lesson scrolls.
      await page.mouse.wheel(0, 600);
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
      await store(page, 'Ada');
      const diff = strip(page).locator('.change-diff').first();
      expect(await diff.textContent()).toMatch(/firstName: \(none\) → "Ada"/);
      // The strip leads with what changed.
      expect(
        await strip(page)
          .locator('[data-change-body] > *')
          .first()
          .evaluate((first) => first.matches('.change-diff')),
      ).toBe(true);
      await expectSeen(page, 'the session change', diff);
      await expectSeen(page, 'the words Set-Cookie', strip(page).locator('.change-set-cookie .header-name'));
      await expectSeen(page, "the new cookie's signature", strip(page).locator('.seg-signature'));
      await expectSeen(page, 'the app’s output', flask(page).locator('.output'));
      await page.screenshot({ path: `${screenshots}pane-${slug}-${width}x${height}.png` });

      // In the Inspector tab the strip is still there.
      await page.getByRole('tab', { name: 'Inspector' }).click();
      await expectSeen(page, 'the session change, from the Inspector tab', diff);
      expect(elsewhere).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    },
  );

  it('step 9 shows both engines side by side', async () => {
    const { page } = await openLocal({ viewport: { width, height } });
    await openStep(page, 'beyond-flask');
    const box = (name: string) => page.locator(`iframe[name="sandbox-${name}"]`).boundingBox();
    const [left, right] = [await box('flask'), await box('express')];
    expect(left && right).toBeTruthy();
    if (!left || !right) return;
    expect(Math.abs(left.y - right.y)).toBeLessThan(2);
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
    await expectSeen(page, 'the Flask app', flask(page).locator('#firstName'));
    await expectSeen(
      page,
      'the Express app',
      page.frameLocator('iframe[name="sandbox-express"]').locator('#firstName'),
    );
    await page.screenshot({ path: `${screenshots}pane-step-9-${width}x${height}.png` });
    await page.context().close();
  });
});

describe('the pane’s tabs', () => {
  it('are App, Code and Inspector, and work by keyboard', async () => {
    const { page } = await openLocal({ viewport: { width: 1366, height: 900 } });
    await openStep(page, 'the-import');
    expect(await page.getByRole('tablist', { name: 'Sandbox' }).isVisible()).toBe(true);
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    const selected = async () => page.locator('[data-pane-tabs] [aria-selected="true"]').textContent();
    const visiblePanel = async () =>
      page.locator('[data-pane-panel]:not([hidden])').getAttribute('data-pane-panel');
    expect(await selected()).toBe('App');
    await tab('App').focus();
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('Code');
    expect(await visiblePanel()).toBe('code');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Code');
    expect(await page.getByRole('tabpanel', { name: 'Code' }).isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await selected()).toBe('Inspector');
    expect(await visiblePanel()).toBe('inspector');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('App');
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe('Inspector');
    await page.keyboard.press('Home');
    expect(await selected()).toBe('App');
    // Only the selected tab is a tab stop: Tab goes on into the App panel.
    expect(await tab('Code').getAttribute('tabindex')).toBe('-1');

    // "Show in the inspector" opens the Inspector tab at the exchange.
    await store(page, 'Ada');
    await strip(page).getByRole('link', { name: 'Show in the inspector' }).click();
    expect(await selected()).toBe('Inspector');
    await expectSeen(
      page,
      'the store in the inspector',
      page.locator('[data-inspector-list] details[open] summary', { hasText: 'POST /sandbox/flask/store' }),
    );
    await page.screenshot({ path: `${screenshots}pane-inspector-tab.png` });
    await page.context().close();
  });
});

describe('each step’s app controls', () => {
  it('show the ones the step uses; More actions reveals the others, in view', async () => {
    const { page } = await openLocal({ viewport: { width: 1366, height: 900 } });
    await openStep(page, 'the-import');
    const startOver = flask(page).getByRole('button', { name: 'Start over' });
    expect(await startOver.isVisible()).toBe(false);
    expect(await flask(page).getByRole('button', { name: 'Log in' }).isVisible()).toBe(false);
    await flask(page).getByText('More actions').click();
    await expect.poll(() => startOver.isVisible()).toBe(true);
    // The frame grows with the fold: the revealed controls are not cut off inside it.
    await expect
      .poll(() =>
        page
          .locator('iframe[name="sandbox-flask"]')
          .evaluate(
            (frame: HTMLIFrameElement) =>
              (frame.contentDocument?.body.getBoundingClientRect().height ?? 0) <= frame.clientHeight,
          ),
      )
      .toBe(true);
    await startOver.scrollIntoViewIfNeeded();
    await expectSeen(page, 'the Start over button', startOver);
    await page.screenshot({ path: `${screenshots}pane-more-actions.png` });

    // A step that uses Start over shows it at once, and keeps it after the action's redirect.
    await openStep(page, 'starting-over');
    await store(page, 'Ada');
    expect(await startOver.isVisible()).toBe(true);
    expect(await flask(page).getByRole('button', { name: 'Store and flash' }).isVisible()).toBe(false);
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it.each([360, 1366])('at %i px every panel shows and no frame clips its last form', async (width) => {
    const { page } = await openLocal({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    for (const slug of lessonSlugs()) {
      await page.goto(`${env.server.url}/learn/${slug}/`);
      for (const panel of ['app', 'code', 'inspector'])
        expect(await page.locator(`#pane-${panel}`).isVisible(), `${slug} ${panel}`).toBe(true);
      const frames = page.locator('iframe[data-sandbox-frame]');
      for (let i = 0; i < (await frames.count()); i++) {
        const fit = await frames.nth(i).evaluate((frame: HTMLIFrameElement) => {
          const doc = frame.contentDocument;
          // The last form in view (those under a folded "More actions" are not).
          const forms = [...(doc?.querySelectorAll('form') ?? [])].filter((form) => form.checkVisibility());
          const last = forms.at(-1)?.getBoundingClientRect();
          return { bottom: Math.ceil(last?.bottom ?? Number.POSITIVE_INFINITY), height: frame.clientHeight };
        });
        expect(fit.bottom, `${slug} frame ${i}: last form's bottom within the frame`).toBeLessThanOrEqual(
          fit.height,
        );
      }
    }
    await page.goto(`${env.server.url}/learn/logging-in-and-out/`);
    await page.screenshot({ path: `${screenshots}pane-nojs-${width}.png`, fullPage: width > 400 });
    await page.context().close();
  });
});

describe('on a 375×812 phone', () => {
  it('no step scrolls sideways, before or after Store', async () => {
    const { page } = await openLocal({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    for (const slug of lessonSlugs()) {
      await openStep(page, slug);
      expect(await sideways(), slug).toBeLessThanOrEqual(0);
    }
    await openStep(page, 'the-import');
    await store(page, 'Ada Lovelace-Byron');
    expect(await sideways()).toBeLessThanOrEqual(0);
    // The strip is under the app, as before: not pinned, and no scrolling box of its own.
    expect(
      await page
        .locator('[data-pane-strips]')
        .evaluate((strips) => strips.parentElement?.id === 'pane-app' && getComputedStyle(strips).overflowY),
    ).toBe('visible');
    await page.screenshot({ path: `${screenshots}pane-phone-375x812.png` });
    await page.context().close();
  });
});
