/**
 * The result of every action is seen where the learner acted, without scrolling: asserted as
 * visibility (inside the viewport and not covered, by elementFromPoint), not mere presence.
 * Screenshots of each state go to test/artifacts/screenshots/ (git-ignored).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';
import { expectSeen, flask, openStep as openStepAt, store, strip } from '../helpers/step-page.ts';

const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const env = useServerAndBrowser();
const openStep = (page: Page, slug: string) => openStepAt(page, env.server.url, slug);

describe.each([
  [1366, 900],
  [1920, 1080],
])('after Store on a step page at %i×%i', (width, height) => {
  it('shows the stored name, Set-Cookie and the new signature without scrolling', async () => {
    const page = await openPage(env.browser, { viewport: { width, height } });
    await openStep(page, 'the-import');
    await store(page, 'Ada');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await expectSeen(page, 'the stored name in the app', flask(page).locator('.output'));
    await expectSeen(page, 'the words Set-Cookie', strip(page).locator('.change-set-cookie .header-name'));
    await expectSeen(
      page,
      "the new cookie's signature",
      strip(page).locator('.change-set-cookie .seg-signature'),
    );
    await expectSeen(page, 'the verdict', strip(page).locator('.change-verdict'));
    expect(await strip(page).locator('.change-verdict').textContent()).toMatch(
      /Signed with the key in force/,
    );
    expect(await strip(page).locator('.change-diff').textContent()).toMatch(/firstName: \(none\) → "Ada"/);
    // The POST and its redirect's GET are one action, the detail folded.
    expect(await strip(page).locator('.change-title').textContent()).toBe(
      'POST /store → 302, then GET / → 200',
    );
    expect(await strip(page).locator('.change-detail').getAttribute('open')).toBeNull();
    await page.screenshot({ path: `${screenshots}store-${width}x${height}.png` });

    // The full inspector is one click away and opens at the newest exchange.
    await strip(page).getByRole('link', { name: 'Show in the inspector' }).click();
    const opened = page.locator('[data-inspector-list] details[open] summary', {
      hasText: 'POST /sandbox/flask/store',
    });
    await expectSeen(page, 'the store in the inspector', opened);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the change strip after Start over', () => {
  it('says the cookie was deleted and shows the deleting Set-Cookie as sent', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, 'starting-over');
    await store(page, 'Ada');
    await flask(page).getByRole('button', { name: 'Start over' }).click();
    await expect
      .poll(() => strip(page).locator('.change-verdict').textContent())
      .toMatch(/Cookie deleted: Max-Age=0/);
    expect(await strip(page).locator('.change-set-cookie').textContent()).toBe(
      'Set-Cookie: session=(empty); Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
    );
    expect(await strip(page).locator('.change-diff').textContent()).toMatch(/firstName: "Ada" → \(removed\)/);
    await expectSeen(page, 'the verdict', strip(page).locator('.change-verdict'));
    await page.context().close();
  });
});

describe('the embedded app', () => {
  it('is sized to its content and shows only the app; on its own it keeps its lab and last exchange', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, 'the-import');
    await store(page, 'Ada');
    const sizes = await page.locator('iframe[name="sandbox-flask"]').evaluate((frame: HTMLIFrameElement) => ({
      content: frame.contentDocument?.documentElement.scrollHeight ?? 0,
      frame: frame.clientHeight,
    }));
    expect(sizes.content).toBeLessThanOrEqual(sizes.frame);
    expect(await flask(page).getByRole('heading', { name: 'Lab' }).count()).toBe(0);
    expect(await flask(page).getByRole('heading', { name: 'Last exchange' }).count()).toBe(0);
    await page.goto(`${env.server.url}/sandbox/flask/`);
    expect(await page.getByRole('heading', { name: 'Lab' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Last exchange' }).count()).toBe(1);
    await page.context().close();
  });
});

describe('the lab answers next to the button', () => {
  it('shows each verdict under the button that ran it, in view, with a link to the inspector', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, 'the-secret-key');
    const tamperBox = page.locator('#tamper-flask');
    await page.locator('[data-lab-fold] > summary').click();
    expect(await page.locator('[data-prefill-hint="flask"]').textContent()).toMatch(
      /Store a first name first/,
    );
    await store(page, 'Ada');
    await expect.poll(() => tamperBox.inputValue()).not.toBe('');

    const run = async (name: string, form: string, expected: RegExp, shot: string) => {
      const button = page.locator(form).getByRole('button', { name, exact: true });
      await button.click();
      const result = page.locator(form).locator('[data-lab-result] p').first();
      await expect
        .poll(() => result.textContent(), { timeout: 15_000 })
        .toMatch(expected)
        .catch(async (error) => {
          const tail = await page.evaluate(() =>
            (
              JSON.parse(localStorage.getItem('session-lab:sandbox-timeline') ?? '[]') as {
                method: string;
                path: string;
                session: { status: string };
              }[]
            )
              .slice(-6)
              .map((e) => `${e.method} ${e.path} ${e.session.status}`),
          );
          throw new Error(`${error}\n${tail.join('\n')}`);
        });
      await expectSeen(page, `the verdict of "${name}"`, result);
      await page.screenshot({ path: `${screenshots}lab-${shot}.png` });
    };

    // A whole pasted Set-Cookie header works: its value is taken out.
    const cookie = await tamperBox.inputValue();
    await tamperBox.fill(
      `session=${cookie.slice(0, 3)}${cookie[3] === 'A' ? 'B' : 'A'}${cookie.slice(4)}; HttpOnly; Path=/`,
    );
    await run('Send the edited cookie', 'form[data-lab="tamper"]', /Bad signature → empty session/, 'tamper');
    expect(await page.locator('form[data-lab="tamper"] [data-lab-result] .bad').count()).toBe(1);
    await page.locator('form[data-lab="tamper"] [data-use-current]').click();

    // Replay: an older cookie, replaced but never revoked, still verifies.
    await store(page, 'Ada');
    await store(page, 'Grace');
    await expect.poll(() => page.locator('#replay-cookie').inputValue()).not.toBe('');
    await run('Replay this old cookie', 'form[data-lab="replay"]', /Old cookie accepted/, 'replay');
    await expect.poll(() => flask(page).locator('.output').textContent()).toContain('Ada');

    await store(page, 'Ada');
    await run('Use this key', 'form[data-lab="key"]', /Bad signature → empty session/, 'key');
    // The inspector explains the lab's own cookie where it appears.
    expect(await page.locator('[data-inspector-list]').textContent()).toMatch(
      /sandbox_lab is not the app’s session/,
    );
    await store(page, 'Ada');
    await run(
      'Re-sign my cookie with the current key',
      'form[data-lab="resign"]',
      /Signed with the key in force/,
      'resign',
    );
    await run('Back to the demo key', 'form[data-lab="reset"]', /Bad signature → empty session/, 'reset');
    await run('Sign it and send it', 'form[data-lab="forge"]', /Signed with the key in force/, 'forge');
    await run(
      'Use a weak key and sign my session with it',
      'form[data-lab="weak-key"]',
      /Signed with the key in force/,
      'weak-key',
    );
    await run('Guess the key from my cookie', 'form[data-lab="guess"]', /Found the key/, 'guess');
    // Finding the key is the experiment succeeding: it reads as success, not as an error.
    expect(await page.locator('form[data-lab="guess"] [data-lab-result] .ok').count()).toBe(1);
    await run('Store a value that is too big', 'form[data-lab="oversize"]', /Over 4 KB/, 'oversize');
    await page.locator('#decode-cookie').fill(await tamperBox.inputValue());
    await run('Decode', 'form[data-lab="decode"]', /Decoded/, 'decode');

    // "Show in inspector" scrolls to the experiment's exchange.
    await page.locator('form[data-lab="forge"] .lab-inspect').click();
    await expectSeen(
      page,
      'the forge in the inspector',
      page.locator('[data-inspector-list] details[open] summary', {
        hasText: 'POST /sandbox/flask/lab/forge',
      }),
    );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('on a 375×812 phone', () => {
  it('one tap on "Try it" brings the sandbox form into view; the step list is folded', async () => {
    const page = await openPage(env.browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    await openStep(page, 'the-import');
    expect(await page.locator('[data-steps-drawer]').getAttribute('open')).toBeNull();
    const tryIt = page.getByRole('link', { name: /Try it in the sandbox/ });
    await expectSeen(page, 'the Try it link', tryIt);
    await tryIt.tap();
    await expectSeen(page, "the app's First name field", flask(page).locator('#firstName'));
    await page.screenshot({ path: `${screenshots}phone-try-it.png` });

    // After Store, the strip comes up just enough: Set-Cookie and the signature are in view.
    await store(page, 'Ada');
    await expectSeen(page, 'the words Set-Cookie', strip(page).locator('.change-set-cookie .header-name'));
    await expectSeen(
      page,
      "the new cookie's signature",
      strip(page).locator('.change-set-cookie .seg-signature'),
    );
    await page.screenshot({ path: `${screenshots}phone-after-store.png` });

    // Diagram labels stay at least 12 px on a phone.
    await strip(page).getByRole('link', { name: 'Show in the inspector' }).click();
    const label = page.locator('.exchange-diagram .arrow-label').first();
    const pixels = await label.evaluate((text) => {
      const svg = text.closest('svg') as SVGSVGElement;
      return (
        (Number.parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width) /
        svg.viewBox.baseVal.width
      );
    });
    expect(pixels).toBeGreaterThanOrEqual(12);
    await page.context().close();
  });
});

describe('Copy buttons', () => {
  const paths = ['/', ...lessonSlugs().map((slug) => `/learn/${slug}/`), '/sandbox/'];
  it.each([1366, 375])('never cover a line of code at %i px', async (width) => {
    const page = await openPage(env.browser, { viewport: { width, height: 900 } });
    for (const path of paths) {
      await page.goto(env.server.url + path);
      const overlaps = await page.evaluate(() => {
        const found: string[] = [];
        const buttons = [...document.querySelectorAll('.copy-button')].map((b) => b.getBoundingClientRect());
        for (const line of document.querySelectorAll('pre.astro-code .line')) {
          const range = document.createRange();
          range.selectNodeContents(line);
          for (const r of range.getClientRects()) {
            for (const b of buttons) {
              if (r.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top)
                found.push(line.textContent ?? '');
            }
          }
        }
        return found;
      });
      expect(overlaps, path).toEqual([]);
      expect(await page.locator('.copy-button').count(), path).toBe(
        await page.locator('pre.astro-code').count(),
      );
    }
    await page.context().close();
  });
});

describe('tasks', () => {
  it('each has a hint, a "show me" solution and a link that focuses the tool it needs', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await openStep(page, 'the-import');
    const task = page.locator('.sandbox-task');
    expect(await task.locator('[data-task-missing]').textContent()).toMatch(
      /^Still missing: no first name stored yet/,
    );
    await task.locator('.task-hint > summary').click();
    await task.locator('.task-solution > summary').click();
    expect(await task.locator('.task-solution li').count()).toBeGreaterThan(1);
    await task.getByRole('link', { name: "Go to the app's First name field" }).click();
    await expect
      .poll(() =>
        flask(page)
          .locator('#firstName')
          .evaluate((field) => field === document.activeElement),
      )
      .toBe(true);
    await page.screenshot({ path: `${screenshots}task-help.png` });

    // Step 1's task is not done by opening the page: the learner looks at the first response.
    await openStep(page, 'what-is-a-session');
    const status = page.locator('[data-task-status="see-empty-session"]');
    expect(await status.textContent()).toMatch(/Not done yet/);
    await page.getByRole('link', { name: 'Open the inspector at the first request' }).click();
    await expect.poll(() => status.textContent()).toMatch(/Done ✓/);

    // Each step counts only what was done on it: two Stores on step 5 tick step 5, not step 2.
    await openStep(page, 'storing-and-reading');
    await store(page, 'Ada');
    await store(page, 'Grace');
    await expect.poll(() => page.locator('[data-task-status]').textContent()).toMatch(/Done ✓/);
    await openStep(page, 'the-import');
    expect(await page.locator('[data-task-status]').textContent()).toMatch(/Not done yet/);
    await page.context().close();
  });
});

describe('by keyboard and without JavaScript', () => {
  it('skips to the lesson text; the sandbox comes after the lesson and before previous/next', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/learn/the-secret-key/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lesson');
    const order = await page.evaluate(() => {
      const at = (selector: string) => document.querySelector(selector) as Element;
      const precedes = (a: string, b: string) =>
        Boolean(at(a).compareDocumentPosition(at(b)) & Node.DOCUMENT_POSITION_FOLLOWING);
      return {
        lessonThenSandbox: precedes('#lesson', '#sandbox'),
        sandboxThenNav: precedes('#sandbox', '.step-nav'),
      };
    });
    expect(order).toEqual({ lessonThenSandbox: true, sandboxThenNav: true });
    await page.context().close();
  });

  it('the decode tool returns to the step the learner came from', async () => {
    const page = await openPage(env.browser, { javaScriptEnabled: false });
    await page.goto(`${env.server.url}/learn/the-secret-key/`);
    await page.locator('[data-lab-fold] > summary').click();
    await page
      .locator('#decode-cookie')
      .fill('eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY');
    await page.getByRole('button', { name: 'Decode', exact: true }).click();
    await page.waitForURL(/\/sandbox\/api\/decode/);
    await page.getByRole('link', { name: 'Back to the step you came from' }).click();
    await page.waitForURL(`${env.server.url}/learn/the-secret-key/`);
    await page.context().close();
  });
});
