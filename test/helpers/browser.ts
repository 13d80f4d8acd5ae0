import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Browser,
  type BrowserContextOptions,
  chromium,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startServer } from './server.ts';

/** Debian's Chromium; `npx playwright install` cannot download browsers on our machines. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags our closed network needs (no background connections); root needs --no-sandbox. */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Debian Chromium with those flags. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
}

const errorsByPage = new WeakMap<Page, string[]>();

/** A fresh page in its own context (own cookies and storage), recording uncaught script errors. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  errorsByPage.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** Uncaught script errors the page has thrown so far; a journey expects none. */
export function pageErrors(page: Page): string[] {
  return errorsByPage.get(page) ?? [];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page with the WCAG 2.2 AA and best-practice rules; returns the violations. */
export async function axeViolations(page: Page | Frame): Promise<AxeViolation[]> {
  // Injected once per document through the DevTools protocol, which the pages' Content-Security-Policy
  // does not govern (a <script> tag would be refused, rightly); checking again reuses it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      // Each frame is checked on its own: with axe injected in a frame too, the top page's run would
      // take the frame's landmarks for its own.
      iframes: false,
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
}

/** One line per violation, so a failing assertion says what to fix and where. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}

/**
 * Starts the real server and Chromium before the file's tests and stops both after them.
 * @example const env = useServerAndBrowser(); // then env.server.url, env.browser
 */
export function useServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Opens an inspector record (a `<details>`) unless it is open already; clicking would close it. */
export async function openRecord(record: Locator): Promise<void> {
  if ((await record.locator('details').first().getAttribute('open')) === null) {
    await record.locator('summary').first().click();
  }
}

/**
 * Refuses every request from `page`'s context that leaves `siteUrl`'s origin (about: and data: pages
 * are the page's own) and records each refused address in `leaving`.
 */
export async function blockOtherHosts(page: Page, siteUrl: string, leaving: string[]): Promise<void> {
  const origin = new URL(siteUrl).origin;
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('about:') || url.startsWith('data:'))
      return route.continue();
    leaving.push(url);
    return route.abort();
  });
}
