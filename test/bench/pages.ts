import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { isMain, loadLine, machineInfo, printAllTables, type Row } from './report.ts';
import { ensureSiteBuilt } from './site.ts';

const preset = process.env.BENCH_LH_PRESET === 'mobile' ? 'mobile' : 'desktop';
/** The budget: under 20 KB of gzipped JavaScript on a step page. */
export const jsBudget = 20 * 1024;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** The pages to weigh, in course order. */
export function pagePaths(): string[] {
  const steps = lessonSlugs().map((slug) => `/learn/${slug}/`);
  return ['/', ...steps, '/sandbox/', '/no-such-page/'];
}

/** Weighs every page and runs Lighthouse; returns the figures. */
export async function benchPages(): Promise<Row[]> {
  ensureSiteBuilt();
  const server = await startServer();
  try {
    const paths = pagePaths();
    const rows = await weighPages(server, paths);
    rows.push(...budgetRows(rows, paths));
    const firstStep = paths.find((path) => path.startsWith('/learn/'));
    rows.push(...(await lighthouseRows(server, ['/', ...(firstStep ? [firstStep] : []), '/sandbox/'])));
    return rows;
  } finally {
    await server.close();
  }
}

type Kind = 'HTML' | 'CSS' | 'JS' | 'other';

interface Recorded {
  url: string;
  type: string;
  status: number;
  body: Buffer;
}

async function weighPages(server: RunningServer, paths: string[]): Promise<Row[]> {
  const browser: Browser = await launchBrowser();
  const rows: Row[] = [];
  try {
    for (const path of paths) {
      console.error(`… weighing ${path}`);
      const recorded = await loadPage(browser, server.url + path);
      rows.push(...weightRows(path, recorded));
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** Loads `url` in a fresh context (cold cache) and returns every response, iframes included. */
async function loadPage(browser: Browser, url: string): Promise<Recorded[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pending: Promise<Recorded | undefined>[] = [];
  context.on('response', (response) => {
    const request = response.request();
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), type: request.resourceType(), status: response.status(), body }),
        () => ({
          url: response.url(),
          type: request.resourceType(),
          status: response.status(),
          body: Buffer.alloc(0),
        }),
      ),
    );
  });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
    // Lazy iframes and images load when a reader scrolls to them.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
    await page.waitForTimeout(300);
    return (await Promise.all(pending)).filter((r): r is Recorded => r !== undefined);
  } finally {
    await context.close();
  }
}

function kindOf(type: string): Kind {
  if (type === 'document') return 'HTML';
  if (type === 'stylesheet') return 'CSS';
  if (type === 'script') return 'JS';
  return 'other';
}

/** The code of inline scripts in an HTML document (data blocks such as JSON excluded). */
export function inlineScripts(html: string): string {
  let code = '';
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript')
      continue;
    code += match[2] ?? '';
  }
  return code;
}

const gz = (data: Buffer | string) => gzipSync(data).length;

function weightRows(path: string, recorded: Recorded[]): Row[] {
  const bytes: Record<Kind, { raw: number; gz: number }> = {
    HTML: { raw: 0, gz: 0 },
    CSS: { raw: 0, gz: 0 },
    JS: { raw: 0, gz: 0 },
    other: { raw: 0, gz: 0 },
  };
  const byType = new Map<string, number>();
  let inline = 0;
  let frames = 0;
  for (const response of recorded) {
    const kind = kindOf(response.type);
    bytes[kind].raw += response.body.length;
    bytes[kind].gz += response.body.length > 0 ? gz(response.body) : 0;
    byType.set(response.type, (byType.get(response.type) ?? 0) + 1);
    if (kind === 'HTML') {
      frames++;
      const code = inlineScripts(response.body.toString('utf8'));
      if (code.trim()) inline += gz(code);
    }
  }
  const weight = {
    bench: 'pages',
    table: 'Page weight (bytes; gz = gzipSync of the decoded body)',
    subject: path,
  };
  const types = { bench: 'pages', table: 'Requests by type (cold cache, iframes included)', subject: path };
  const totalGz = bytes.HTML.gz + bytes.CSS.gz + bytes.JS.gz + bytes.other.gz;
  const important = path === '/' || path === '/sandbox/';
  return [
    ...(['HTML', 'CSS', 'JS', 'other'] as const).flatMap((kind) => [
      { ...weight, measure: kind, value: bytes[kind].raw },
      { ...weight, measure: `${kind} gz`, value: bytes[kind].gz },
    ]),
    { ...weight, measure: 'inline JS gz', value: inline },
    { ...weight, measure: 'total gz', value: totalGz, summary: important },
    { ...weight, measure: 'requests', value: recorded.length, summary: important },
    { ...weight, measure: 'documents', value: frames },
    ...['document', 'stylesheet', 'script', 'font', 'image', 'fetch', 'xhr', 'other']
      .filter((type) => byType.has(type) || ['document', 'stylesheet', 'script'].includes(type))
      .map((type) => ({ ...types, measure: type, value: byType.get(type) ?? 0 })),
    ...[...byType]
      .filter(
        ([type]) =>
          !['document', 'stylesheet', 'script', 'font', 'image', 'fetch', 'xhr', 'other'].includes(type),
      )
      .map(([type, count]) => ({ ...types, measure: type, value: count })),
    { ...types, measure: 'total', value: recorded.length },
  ];
}

/** Gzipped JavaScript (files + inline) on each step page, against the 20 KB budget. */
function budgetRows(rows: Row[], paths: string[]): Row[] {
  const value = (path: string, measure: string) =>
    Number(rows.find((row) => row.subject === path && row.measure === measure)?.value ?? 0);
  return paths
    .filter((path) => path.startsWith('/learn/'))
    .map((path) => {
      const total = value(path, 'JS gz') + value(path, 'inline JS gz');
      return {
        bench: 'pages',
        table: 'JS budget on step pages (gzip, files + inline)',
        subject: path,
        measure: 'JS gz',
        value: total,
        aim: '< 20 KB',
        met: total < jsBudget,
        summary: true,
      };
    });
}

/** Lighthouse's four scores for each path; a path that fails is reported and skipped. */
async function lighthouseRows(server: RunningServer, paths: string[]): Promise<Row[]> {
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const rows: Row[] = [];
  try {
    chrome = await chromeLauncher.launch({
      chromePath: chromiumPath,
      chromeFlags: [...chromiumFlags, '--headless=new'],
      logLevel: 'error',
    });
  } catch (error) {
    console.log(`\nLighthouse could not start Chromium: ${(error as Error).message}`);
    return rows;
  }
  try {
    for (const path of paths) {
      console.error(`… Lighthouse (${preset}) on ${path}`);
      try {
        // A first run on a cold Chromium sometimes loses its trace (NO_NAVSTART); one retry is enough.
        const url = server.url + path;
        const { scores, misses } = await lighthouseScores(chrome.port, url).catch((error: Error) => {
          console.error(`  Lighthouse on ${path} failed (${error.message}); retrying once`);
          return lighthouseScores(chrome.port, url);
        });
        for (const category of categories) {
          const score = scores[category];
          rows.push({
            bench: 'pages',
            table: `Lighthouse 12.2.3 (${preset} preset)`,
            subject: path,
            measure: category,
            value: score === undefined ? 'n/a' : Math.round(score * 100),
            aim: '100',
            met: score === 1,
            summary: true,
          });
        }
        if (misses.length > 0) console.log(`Lighthouse, ${path}: audits below 100: ${misses.join(', ')}`);
      } catch (error) {
        console.log(`Lighthouse failed on ${path}: ${(error as Error).message}`);
      }
    }
  } finally {
    chrome.kill();
  }
  return rows;
}

/** One Lighthouse run: the category scores (0–1) and the scored audits that missed full marks. */
async function lighthouseScores(
  port: number,
  url: string,
): Promise<{ scores: Partial<Record<(typeof categories)[number], number>>; misses: string[] }> {
  const run = lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: [...categories] },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  const lhr = (await withTimeout(run, 120_000, `Lighthouse on ${url}`))?.lhr;
  if (!lhr) throw new Error('Lighthouse returned no result');
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores: Partial<Record<(typeof categories)[number], number>> = {};
  for (const category of categories) {
    const score = lhr.categories[category]?.score;
    if (typeof score === 'number') scores[category] = score;
  }
  const scored = ['binary', 'numeric', 'metricSavings'];
  const misses = Object.values(lhr.audits)
    .filter(
      (audit) =>
        typeof audit.score === 'number' && audit.score < 1 && scored.includes(audit.scoreDisplayMode),
    )
    .map((audit) => `${audit.id} (${Math.round((audit.score ?? 0) * 100)})`);
  return { scores, misses };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The one-line verdict on the step pages' JavaScript. */
export function budgetLine(rows: Row[]): string {
  const steps = rows.filter((row) => row.table.startsWith('JS budget'));
  if (steps.length === 0) return 'JS budget: no step page was weighed.';
  const largest = steps.reduce((a, b) => (Number(b.value) > Number(a.value) ? b : a));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const verdict = Number(largest.value) < jsBudget ? 'under' : 'OVER';
  return `JS budget: the heaviest step page (${largest.subject}) loads ${kb(Number(largest.value))} of gzipped JavaScript (files + inline, iframe included): ${verdict} the ${kb(jsBudget)} budget.`;
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  console.log(`Chromium: ${chromiumPath}; Lighthouse preset: ${preset}.`);
  const rows = await benchPages();
  printAllTables(rows);
  console.log(`\n${budgetLine(rows)}`);
  console.log(loadLine());
}
