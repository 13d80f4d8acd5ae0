/**
 * Proof on the spot in Debian Chromium: the handout's app unchanged, Run, Store in real Flask in
 * the browser, and the Code tab says, in view under the app's answer, that real Flask sent the
 * same bytes as the server's engine; with the name stored uppercased it says the payload differs
 * and shows both sessions; with another key, the signature. Light and dark pass axe, the CSP is
 * never violated and nothing leaves the site.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  blockOtherHosts,
  describeViolations,
  openPage,
  pageErrors,
  useServerAndBrowser,
} from '../helpers/browser.ts';
import { expectSeen } from '../helpers/step-page.ts';

const env = useServerAndBrowser();
const handoutApp = readFileSync(new URL('../../sandbox/apps/flask_app.py', import.meta.url), 'utf8');
const shots = new URL('../artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

describe('the Code tab proves real Flask sent the same bytes as the server engine', {
  timeout: 120_000,
}, () => {
  let page: Page;
  let framed: FrameLocator;
  const leaving: string[] = [];
  const violations: string[] = [];
  const proof = () => page.locator('[data-code-proof]');
  const proofText = () => page.locator('[data-code-proof-text]');

  beforeAll(async () => {
    page = await openPage(env.browser, { viewport: { width: 1366, height: 900 } });
    await blockOtherHosts(page, env.server.url, leaving);
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(`${env.server.url}/learn/the-secret-key/`);
    await page.getByRole('tab', { name: 'Code' }).click();
    await page.getByRole('textbox', { name: 'flask_app.py' }).waitFor();
    framed = page.frameLocator('[data-code-frame]');
  });

  afterAll(async () => {
    await page?.context().close();
  });

  async function run(): Promise<void> {
    const button = page.getByRole('button', { name: 'Run' });
    await expect.poll(() => button.isDisabled(), { timeout: 60_000 }).toBe(false);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-busy'), { timeout: 60_000 }).toBeNull();
    await expect
      .poll(() => page.locator('[data-code-status]').textContent(), { timeout: 30_000 })
      .toBe('200 OK');
    expect(await proof().isHidden(), 'a new Run hides the last proof').toBe(true);
  }

  async function storeName(name: string): Promise<void> {
    await framed.locator('#firstName').fill(name);
    await framed.locator('form[action="/store"] button').click();
  }

  async function replaceApp(text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'flask_app.py' }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  }

  async function screenshots(name: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${shots}${name}-1366-${colorScheme}.png` });
      const found = await axeViolations(page);
      expect(found, `${name}, ${colorScheme}:\n${describeViolations(found)}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it("the handout's app unchanged, Store: 'Real Flask sent the same bytes as the server's engine', in view", async () => {
    await run();
    await storeName('Ada');
    await expect
      .poll(() => proofText().textContent(), { timeout: 30_000 })
      .toMatch(/^Real Flask sent the same bytes as the server's engine/);
    expect(await page.locator('[data-code-proof-action]').textContent()).toBe('POST /store:');
    expect(await proof().getAttribute('data-same')).toBe('true');
    await expectSeen(page, 'the proof under the answer', proof());
    await screenshots('proof-same');
  });

  it('the name stored uppercased: the payload differs, with both sessions', async () => {
    const changed = handoutApp.replace(
      "session['firstName'] = request.form['firstName']",
      "session['firstName'] = request.form['firstName'].upper()",
    );
    expect(changed).not.toBe(handoutApp);
    await replaceApp(changed);
    await run();
    await storeName('Ada');
    await expect
      .poll(() => proofText().textContent(), { timeout: 30_000 })
      .toBe(
        'The payload differs: your code stored {"firstName":"ADA"}, the handout stores {"firstName":"Ada"}, so the signature differs too.',
      );
    expect(await proof().getAttribute('data-same')).toBe('false');
    await expectSeen(page, 'the difference under the answer', proof());
    await screenshots('proof-payload-differs');
  });

  it('another key: the signature differs', async () => {
    await replaceApp(handoutApp.replace("'w98fw9ef8hwe98fhwef'", "'my-own-new-key'"));
    await run();
    await storeName('Ada');
    await expect
      .poll(() => proofText().textContent(), { timeout: 30_000 })
      .toBe(
        'The signature differs: your app signs with a different key than the handout (the same bytes were signed).',
      );
    await expectSeen(page, 'the difference under the answer', proof());
  });

  it('on a phone (375×812), the proof after Store is in view too', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await replaceApp(handoutApp);
    await run();
    await framed.locator('#firstName').scrollIntoViewIfNeeded();
    await storeName('Grace');
    await expect
      .poll(() => proofText().textContent(), { timeout: 30_000 })
      .toMatch(/^Real Flask sent the same bytes as the server's engine/);
    await expectSeen(page, 'the proof on a phone', proof());
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${shots}proof-same-375-${colorScheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  // Last: Run re-imports only the learner's modules, so this patch of itsdangerous outlives the next Run.
  it('a signing time far from the server clock: the page says it could not compare, and why', async () => {
    const frozen = handoutApp.replace(
      'app = Flask(__name__)',
      'import itsdangerous\nitsdangerous.TimestampSigner.get_timestamp = lambda self: 1000000000\napp = Flask(__name__)',
    );
    await replaceApp(frozen);
    await run();
    await storeName('Ada');
    await expect
      .poll(() => proofText().textContent(), { timeout: 30_000 })
      .toMatch(
        /^Could not compare with the server's engine: The signing time \(2001-09-09 01:46:40 UTC\) is \d+ seconds behind the server's clock/,
      );
    expect(await proof().getAttribute('data-same')).toBe('unknown');
    await expectSeen(page, 'why it could not compare', proof());
    await screenshots('proof-unavailable');
  });

  it('no CSP violation, no page error, nothing left the site', () => {
    expect(violations).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    expect(leaving).toEqual([]);
  });
});
