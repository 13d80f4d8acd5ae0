/**
 * Records from real Flask in the browser live in the learner's timeline beside the server's: kept
 * in localStorage, read back on the next page, and shown by the inspector with their engine. The
 * records are built from real Flask 3.1.3's answers (test/fixtures/browser-flask-exchanges.json)
 * by the page's own builder and jar.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/lib/pyflask/cookie-jar.ts';
import { exchangeOf } from '../../src/lib/pyflask/exchange-of.ts';
import { openPage, pageErrors, useServerAndBrowser } from '../helpers/browser.ts';

const env = useServerAndBrowser();

interface Recorded {
  request: { method: string; path: string; body: string };
  response: { status: number; headers: [string, string][] };
}
const recorded: Recorded[] = JSON.parse(
  readFileSync(new URL('../fixtures/browser-flask-exchanges.json', import.meta.url), 'utf8'),
);

/** Store, then the page it redirects to, as the page would record them. */
function storeAndShow() {
  const jar = new CookieJar({ now: () => Date.now() });
  return recorded.slice(1, 3).map((entry, index) => {
    const url = `http://localhost${entry.request.path}`;
    const cookieSent = jar.cookieHeader(url);
    const setCookies = entry.response.headers.filter(([k]) => k === 'Set-Cookie').map(([, v]) => v);
    return exchangeOf({
      request: { method: entry.request.method, path: entry.request.path, headers: [] },
      response: { status: entry.response.status, statusText: '', headers: entry.response.headers, body: '' },
      cookieSent,
      jarOutcomes: jar.receive(url, setCookies),
      id: `real-flask-${index}`,
    });
  });
}

describe('real Flask records in the timeline', () => {
  it('survive a reload and show in the inspector as "Real Flask"', async () => {
    const page = await openPage(env.browser);
    await page.goto(`${env.server.url}/learn/the-import/`);
    const records = storeAndShow();
    await page.evaluate(
      (json) => localStorage.setItem('session-lab:sandbox-timeline', json),
      JSON.stringify(records),
    );
    await page.reload();
    await page.getByRole('tab', { name: 'Inspector' }).click();
    const entries = page
      .locator('[data-inspector-list] > li')
      .filter({ has: page.locator('.engine-browser-flask') });
    await expect.poll(() => entries.count()).toBe(2);
    const texts = await entries.locator('summary').first().allTextContents();
    expect(texts.join(' ')).toMatch(/Real Flask/);
    const all = (await entries.allTextContents()).join(' ');
    expect(all).toContain('POST /store → 302');
    expect(all).toContain(
      'Real Flask in your browser answered POST /store with 302 → /: the session changed (added firstName); the browser stored the new cookie.',
    );
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
