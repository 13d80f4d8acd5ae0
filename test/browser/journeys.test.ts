/**
 * The journeys of Session Lab's users in a real browser, against the real server: a student
 * taking the whole course, and a learner inspecting cookies in both engines. Screenshots of the
 * key states go to test/artifacts/screenshots/ (git-ignored); the README's picture is one of them.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, openRecord, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const screenshots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const slugs = lessonSlugs();

const env = useServerAndBrowser();

const flask = (page: Page) => page.frameLocator('iframe[name="sandbox-flask"]');
const express = (page: Page) => page.frameLocator('iframe[name="sandbox-express"]');
const records = (page: Page) => page.locator('[data-inspector-list] > li');
const newest = (page: Page) => records(page).first();
/** The newest record of a request, e.g. 'POST /sandbox/flask/store'. */
const record = (page: Page, request: string) => records(page).filter({ hasText: request }).first();

async function store(app: FrameLocator, name: string): Promise<void> {
  await app.getByLabel('First name', { exact: true }).fill(name);
  await app.getByRole('button', { name: 'Store', exact: true }).click();
}

/** Expands a record (only the newest starts open) and returns the text of its headers. */
async function headersOf(page: Page, request: string): Promise<string> {
  const item = record(page, request);
  await expect.poll(() => item.count()).toBe(1);
  await openRecord(item);
  return (await item.locator('.headers').allTextContents()).join('\n');
}

async function tamper(page: Page, engineLabel: 'Flask' | 'Express'): Promise<void> {
  const lab = page.locator('.lab-details > summary');
  if (
    (await lab.count()) > 0 &&
    !(await page.getByLabel(`${engineLabel} session cookie (edit it)`).isVisible())
  ) {
    await lab.click();
  }
  const field = page.getByLabel(`${engineLabel} session cookie (edit it)`);
  await expect.poll(() => field.inputValue()).not.toBe('');
  const value = await field.inputValue();
  // Change one character of the payload, as a learner editing the cookie would.
  await field.fill(`${value.slice(0, 3)}${value[3] === 'A' ? 'B' : 'A'}${value.slice(4)}`);
  // One engine on the page: "Send the edited cookie"; both (the sandbox page): "… to Flask".
  await page
    .getByRole('button', { name: new RegExp(`^Send the edited cookie( to ${engineLabel})?$`) })
    .click();
}

async function doTask(page: Page, task: string | undefined): Promise<void> {
  switch (task) {
    case 'see-empty-session':
      // Looking is the task: open the first response in the inspector.
      return page.getByRole('link', { name: 'Open the inspector at the first request' }).click();
    case 'store-first-name':
      return store(flask(page), 'Ada');
    case 'tamper-rejected':
      return tamper(page, 'Flask');
    case 'start-over':
      return flask(page).getByRole('button', { name: 'Start over' }).click();
    case 'change-first-name':
      await store(flask(page), 'Ada');
      await expect.poll(() => newest(page).textContent()).toMatch(/Ada/);
      return store(flask(page), 'Grace');
    case 'escape-markup':
      return store(flask(page), '<b>Ada</b>');
    case 'compare-engines':
      // Both apps are on the step, side by side: no switching.
      return store(express(page), 'Phill');
    case 'make-permanent':
      return flask(page).getByRole('button', { name: 'Make permanent' }).click();
    case 'see-flash':
      // The app's flash route: its POST leaves `_flashes`, the page after the redirect reads them.
      return flask(page).getByRole('button', { name: /flash/i }).first().click();
    case 'replay-old-cookie': {
      // As the lesson says: store a name, Start over, then send the cookie held before.
      await store(flask(page), 'Ada');
      await expect.poll(() => newest(page).textContent()).toMatch(/Ada/);
      await flask(page).getByRole('button', { name: 'Start over' }).click();
      // The clear's POST is recorded (its redirect's GET is the newest record).
      await expect
        .poll(() => page.locator('[data-inspector-list]').textContent())
        .toMatch(/POST \/sandbox\/flask\/clear/);
      const lab = page.locator('.lab-details');
      if ((await lab.getAttribute('open')) === null) await lab.locator('> summary').click();
      return page.getByRole('button', { name: 'Replay this old cookie' }).first().click();
    }
    case 'log-in-and-out':
      await flask(page).getByLabel('Username').fill('ada');
      await flask(page).getByLabel('Password').fill('lovelace');
      await flask(page).getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => newest(page).textContent()).toMatch(/ada/);
      return flask(page).getByRole('button', { name: 'Log out' }).click();
    case 'see-fetch-metadata':
      await store(flask(page), 'Ada');
      await expect.poll(() => newest(page).textContent()).toMatch(/Ada/);
      return page.getByRole('link', { name: 'Open the inspector at your last POST' }).click();
    default:
      throw new Error(`No journey step for task ${task}`);
  }
}

describe('a student taking the course', () => {
  it('reads every step, answers each question (a wrong answer first), completes each task and can resume', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${env.server.url}/`);
    await page.getByRole('link', { name: 'Start the course' }).click();

    for (const [index, slug] of slugs.entries()) {
      await page.waitForURL(`${env.server.url}/learn/${slug}/`);
      await expect.poll(() => records(page).count()).toBeGreaterThan(0);

      const wrong = page.locator('.question .answer[data-correct="false"]').first();
      await wrong.locator('label').click();
      expect(await wrong.locator('.feedback').textContent()).toMatch(/^Not quite\.\s+\S/);
      const right = page.locator('.question .answer[data-correct="true"]');
      await right.locator('label').click();
      expect(await right.locator('.feedback').isVisible()).toBe(true);

      const status = page.locator('[data-task-status]').first();
      const task = (await status.getAttribute('data-task-status')) ?? undefined;
      await doTask(page, task);
      // Each step counts its own task, done here: no step arrives "Done earlier".
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^\s*Done ✓/);
      if (slug === 'storing-and-reading')
        await page.screenshot({ path: `${screenshots}step-with-sandbox.png` });

      // The step is ticked in the step list once its question and task are done.
      await expect
        .poll(() => page.locator(`.step-list li[data-step-slug="${slug}"]`).getAttribute('data-state'))
        .toBe('complete');
      if (index < slugs.length - 1) await page.getByRole('link', { name: /^Next:/ }).click();
    }

    await page.reload();
    expect(await page.locator('.question .answer[data-correct="true"] input').isChecked()).toBe(true);

    // The picture in the README: a step with its sandbox in use.
    await page.goto(`${env.server.url}/learn/the-import/`);
    await store(flask(page), 'Ada');
    await expect.poll(() => newest(page).locator('.anatomy-parts').textContent()).toMatch(/Ada/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}step-with-sandbox.png` });
    await page.goto(`${env.server.url}/`);
    const states = await page
      .locator('.step-list li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    expect(states).toEqual(slugs.map(() => 'complete'));
    // A finished course offers a recap and a review, not "Resume".
    expect(await page.locator('[data-resume-link]').textContent()).toBe('Review a step');
    expect(await page.getByRole('heading', { name: 'Course complete' }).isVisible()).toBe(true);
    expect(await page.locator('[data-course-complete]').textContent()).toMatch(/The secret key · /);
    await page.screenshot({ path: `${screenshots}home-course-complete.png` });

    // Reset progress, after a confirmation, clears progress and the sandbox history.
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('heading', { name: 'Course complete' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.screenshot({ path: `${screenshots}home-reset-confirm.png` });
    await page.getByRole('button', { name: 'Yes, reset my progress' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Course complete' }).isVisible()).toBe(false);
    const reset = await page
      .locator('.step-list li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    expect(reset).toEqual(slugs.map(() => 'not-started'));
    expect(await page.evaluate(() => localStorage.getItem('session-lab:sandbox-timeline'))).toBe('[]');
    // Back to the start: the main button starts the course, and Reset waits until there is progress.
    expect(await page.locator('[data-resume-link]').textContent()).toBe('Start the course');
    expect(await page.getByRole('button', { name: 'Reset progress' }).isVisible()).toBe(false);
    expect(await page.locator('[data-reset-status]').isVisible()).toBe(true);
    await page.screenshot({ path: `${screenshots}home-reset.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  }, 180_000);
});

describe('a learner inspecting cookies', () => {
  it('follows the cookie through store, change, tamper, key rotation and start over, then in Express', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1440, height: 1000 } });
    await page.goto(`${env.server.url}/sandbox/`);
    await expect.poll(() => records(page).count()).toBeGreaterThan(0);

    // Store: the Set-Cookie of the redirect, the three parts, and the decoded firstName.
    await store(flask(page), 'Ada');
    expect(await headersOf(page, 'POST /sandbox/flask/store')).toMatch(
      /Set-Cookie: session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/sandbox\/flask/,
    );
    await expect
      .poll(() => newest(page).locator('.anatomy-parts').textContent())
      .toMatch(/"firstName":\s?"Ada"/);
    for (const part of ['payload', 'timestamp', 'signature']) {
      expect(await newest(page).locator(`.cookie-parts .seg-${part}`).count()).toBe(1);
    }
    await page.screenshot({ path: `${screenshots}sandbox-stored.png` });

    // Change: the diff names the changed value.
    await store(flask(page), 'Grace');
    await expect.poll(() => newest(page).textContent()).toMatch(/Grace/);
    const change = record(page, 'POST /sandbox/flask/store');
    await openRecord(change);
    expect(await change.locator('.diff').textContent()).toMatch(/changed firstName: "Ada" → "Grace"/);

    // Tamper: the signature fails and the session comes back empty.
    await tamper(page, 'Flask');
    await expect.poll(() => newest(page).textContent()).toMatch(/bad signature/i);
    await page.screenshot({ path: `${screenshots}sandbox-tampered.png` });

    // Rotate the key with a fallback: the old cookie still verifies, then is re-signed with the new key.
    await store(flask(page), 'Ada');
    await expect.poll(() => newest(page).locator('.verdict').textContent()).toMatch(/current key/);
    await page.getByLabel('New secret key').fill('a-brand-new-key');
    await page.getByLabel('Rotate (keep the old key as a fallback)').check();
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => newest(page).locator('.verdict').textContent()).toMatch(/fallback key 1/);
    await page.getByRole('button', { name: 'Re-sign my cookie with the current key' }).click();
    await expect.poll(() => record(page, 'POST /sandbox/flask/lab/resign').count()).toBe(1);
    await expect.poll(() => newest(page).locator('.verdict').textContent()).toMatch(/current key/);
    await page.getByRole('button', { name: 'Back to the demo key' }).click();

    // Start over: Flask deletes the cookie.
    await flask(page).getByRole('button', { name: 'Start over' }).click();
    expect(await headersOf(page, 'POST /sandbox/flask/clear')).toMatch(
      /Set-Cookie: session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=\/sandbox\/flask/,
    );

    // The same in Express cookie-session: two cookies, a rejected tampered one, a deleted one.
    await store(express(page), 'Ada');
    const expressStore = await headersOf(page, 'POST /sandbox/express/store');
    expect(expressStore).toMatch(
      /Set-Cookie: session=eyJmaXJzdE5hbWUiOiJBZGEifQ=*; path=\/sandbox\/express; httponly/i,
    );
    expect(expressStore).toMatch(/Set-Cookie: session\.sig=[\w-]+; path=\/sandbox\/express; httponly/i);
    await tamper(page, 'Express');
    await expect.poll(() => newest(page).textContent()).toMatch(/bad signature/i);
    // cookie-session expires the bad session.sig at Path=/, which leaves the one at /sandbox/express.
    expect(await headersOf(page, 'GET /sandbox/express/')).toMatch(
      /session\.sig=; path=\/;.*not the one held at Path=\/sandbox\/express, which stays/is,
    );
    await express(page).getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => record(page, 'POST /sandbox/express/clear').count()).toBe(1);
    expect(await headersOf(page, 'POST /sandbox/express/clear')).toMatch(
      /Set-Cookie: session=; path=\/sandbox\/express; expires=Thu, 01 Jan 1970/i,
    );
    await page.screenshot({ path: `${screenshots}sandbox-express.png` });
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('stores a name by keyboard alone inside the embedded app', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/learn/the-import/`);
    await expect.poll(() => records(page).count()).toBeGreaterThan(0);
    // Tab through the page until focus reaches the app's first-name field inside the iframe.
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const inField = await flask(page)
        .locator('#firstName')
        .evaluate((field) => field === document.activeElement && document.hasFocus());
      if (inField) break;
    }
    await page.keyboard.type('Keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => newest(page).textContent()).toMatch(/Keyboard/);
    await expect
      .poll(() => page.locator('[data-task-status="store-first-name"]').textContent())
      .toMatch(/Done ✓/);
    await page.context().close();
  });
});
