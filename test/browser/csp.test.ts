/**
 * Every page and journey works with the Content-Security-Policy in force: a real browser visits the
 * home page, a step (storing in the sandbox, then a lab experiment), /sandbox/ (the decoder), the
 * 404 page and a sandbox error page, collecting `securitypolicyviolation` events in every frame and
 * CSP errors in the console, and expects none.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useServerAndBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';

const env = useServerAndBrowser();

/** Records violations in every frame (init scripts run in iframes too, and CSP does not govern them). */
async function watchViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${location.pathname}`);
    });
  });
  return console;
}

/** The violations every frame of the page has seen so far. */
async function violationsIn(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (const frame of page.frames()) {
    all.push(
      ...(await frame
        .evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
        .catch(() => [])),
    );
  }
  return all;
}

const newest = (page: Page) => page.locator('[data-inspector-list] > li').first();

describe('Content-Security-Policy', () => {
  it('is in force on the course pages: hashes for scripts, no inline script, no framing by others', async () => {
    for (const path of ['/', '/learn/the-import/', '/sandbox/', '/no-such-page/']) {
      const res = await fetch(env.server.url + path);
      const header = res.headers.get('content-security-policy') ?? '';
      expect(header, path).toContain("frame-ancestors 'self'");
      expect(header, path).toContain("object-src 'none'");
      expect(header, path).toContain("base-uri 'none'");
      const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(await res.text())?.[1];
      const scriptSrc = /script-src ([^;]*)/.exec(meta ?? '')?.[1] ?? '';
      expect(scriptSrc, path).toContain("'sha256-");
      expect(scriptSrc, path).not.toContain('unsafe-inline');
    }
    const app = await fetch(`${env.server.url}/sandbox/flask/`);
    expect(app.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'self'/);
  });

  it('no page or journey meets a violation', async () => {
    const page = await openPage(env.browser, { viewport: { width: 1400, height: 900 } });
    const consoleErrors = await watchViolations(page);

    await page.goto(`${env.server.url}/`);
    await page.waitForLoadState('load');

    // A step with the sandbox: store a name, then a lab experiment (tamper with the cookie).
    await page.goto(`${env.server.url}/learn/the-import/`);
    await expect.poll(() => page.locator('[data-inspector-list] > li').count()).toBeGreaterThan(0);
    const app = page.frameLocator('iframe[name="sandbox-flask"]');
    await app.getByLabel('First name', { exact: true }).fill('Ada');
    await app.getByLabel('First name', { exact: true }).press('Enter');
    await expect.poll(() => newest(page).textContent()).toMatch(/Ada/);
    await page.locator('.lab-details > summary').click();
    const cookie = page.getByLabel('Flask session cookie (edit it)');
    await expect.poll(() => cookie.inputValue()).toMatch(/\./);
    const value = await cookie.inputValue();
    await cookie.fill(`${value.slice(0, 3)}${value[3] === 'A' ? 'B' : 'A'}${value.slice(4)}`);
    await page.getByRole('button', { name: /^Send the edited cookie( to Flask)?$/ }).click();
    await expect.poll(() => newest(page).textContent()).toMatch(/bad signature/i);
    // The full inspector is in its own tab on step pages: open it, then its code view.
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.locator('.inspector-code > summary').click();
    expect(await violationsIn(page)).toEqual([]);

    // The sandbox page and its decoder.
    await page.goto(`${env.server.url}/sandbox/`);
    await page.getByLabel('Flask session cookie', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Decode' }).click();
    await expect
      .poll(() => page.locator('form[data-lab="decode"] [data-lab-result]').textContent())
      .toMatch(/Decoded/);
    expect(await violationsIn(page)).toEqual([]);

    // The 404 page and a sandbox error page.
    await page.goto(`${env.server.url}/no-such-page/`);
    await page.waitForLoadState('load');
    expect(await violationsIn(page)).toEqual([]);
    await page.goto(`${env.server.url}/sandbox/api/decode?secretKey=x`);
    expect(await page.locator('h1').textContent()).toMatch(/400/);
    expect(await violationsIn(page)).toEqual([]);

    // Every other step of the course, with whatever it embeds.
    for (const slug of lessonSlugs()) {
      await page.goto(`${env.server.url}/learn/${slug}/`, { waitUntil: 'load' });
      expect(await violationsIn(page), slug).toEqual([]);
    }

    expect(consoleErrors).toEqual([]);

    // The watch itself works: an injected inline script is refused and seen.
    await page.goto(`${env.server.url}/`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await expect.poll(() => violationsIn(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    await page.context().close();
  }, 180_000);
});
