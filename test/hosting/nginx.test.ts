/**
 * Session Lab under BASE_PATH=/course behind a real nginx (the Debian package), configured with the
 * repository's own deploy/nginx/session-lab.locations.conf: a learner's store → show works through
 * the proxy, every asset a step page links to loads, and cookies stay under /course.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, pageErrors } from '../helpers/browser.ts';
import {
  isListening,
  root,
  type StartedProcess,
  startProcess,
  urlOf,
  waitUntil,
} from '../helpers/process.ts';
import { embeddedExchanges } from '../sandbox/app.ts';

const nginxBinary = '/usr/sbin/nginx';
const courseTitle = 'Flask sessions, week 3';

let server: StartedProcess;
let nginx: ChildProcess;
let prefix: string;
let site: string;

/** A port free on 127.0.0.1 right now (nginx needs a number in its config). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** nginx.conf for the test: its own prefix, no daemon, one worker, the repository's locations. */
function nginxConfig(listenPort: number, upstreamPort: number): string {
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  return `daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream session_lab {
    server 127.0.0.1:${upstreamPort};
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${listenPort};
    server_name localhost;
    include ${join(root, 'deploy', 'nginx', 'session-lab.locations.conf')};
  }
}
`;
}

beforeAll(async () => {
  expect(existsSync(nginxBinary), 'nginx is missing: apt-get install nginx (.ci/run does)').toBe(true);
  // The first start with this BASE_PATH builds the site for it (dist-course/), as npm start does.
  // As the guide starts it: BASE_PATH and TRUST_PROXY=loopback, so nginx's X-Forwarded-* are believed.
  server = startProcess({
    PORT: '0',
    BASE_PATH: '/course',
    TRUST_PROXY: 'loopback',
    COURSE_TITLE: courseTitle,
  });
  const upstream = Number(new URL(await urlOf(server)).port);

  prefix = mkdtempSync(join(tmpdir(), 'session-lab-nginx-'));
  mkdirSync(join(prefix, 'temp'));
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(port, upstream));
  nginx = spawn(
    nginxBinary,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise((resolve) => nginx.once('exit', resolve));
  await Promise.race([waitUntil(() => isListening(port)), exited]);
  if (nginx.exitCode !== null)
    throw new Error(`nginx did not start:\n${readFileSync(join(prefix, 'error.log'), 'utf8')}`);
  site = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  if (server?.child.exitCode === null) server.child.kill('SIGTERM');
  await server?.exited;
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

/** Every href and src in a page (not in-page anchors). */
function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)].map((match) => match[1] as string);
}

describe('behind nginx under /course', () => {
  it('sends /course to /course/ and serves the course with its title', async () => {
    const bare = await fetch(`${site}/course`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(new URL(String(bare.headers.get('location')), site).pathname).toBe('/course/');
    const home = await fetch(`${site}/course/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(`<title>${courseTitle}</title>`);
    expect(html).toContain('href="/course/sandbox/"');
  });

  it('loads every asset, link and frame a step page names, all under /course/', async () => {
    const home = await (await fetch(`${site}/course/`)).text();
    const firstStep = linksOf(home).find((link) => link.startsWith('/course/learn/'));
    expect(firstStep).toBeDefined();
    const page = await fetch(`${site}${firstStep}`);
    expect(page.status).toBe(200);
    // The site's own links; the further-reading links go to other sites.
    const links = [...new Set(linksOf(await page.text()))].filter((link) => !/^https:\/\//.test(link));
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !link.startsWith('/course/'))).toEqual([]);
    const kinds = { css: 0, js: 0, frame: 0 };
    for (const link of links) {
      const response = await fetch(`${site}${link}`);
      expect(response.status, link).toBe(200);
      const body = await response.text();
      if (link.endsWith('.css')) {
        kinds.css++;
        // Fonts and images the stylesheet names load too.
        for (const [, url] of body.matchAll(/url\(["']?(\/[^)"']+)["']?\)/g)) {
          expect(url?.startsWith('/course/'), url).toBe(true);
          expect((await fetch(`${site}${url}`)).status, url).toBe(200);
        }
      }
      if (link.endsWith('.js')) kinds.js++;
      if (link === '/course/sandbox/flask/') kinds.frame++;
    }
    expect(kinds.css).toBeGreaterThan(0);
    expect(kinds.js).toBeGreaterThan(0);
    expect(kinds.frame).toBe(1);
  });

  it("keeps a learner's session through the proxy: store, then show, cookies under /course", async () => {
    const stored = await fetch(`${site}/course/sandbox/flask/store`, {
      method: 'POST',
      body: new URLSearchParams({ firstName: 'Ada' }),
      redirect: 'manual',
    });
    expect(stored.status).toBe(302);
    const location = String(stored.headers.get('location'));
    expect(location).toMatch(/^\/course\/sandbox\/flask\/\?trace=/);
    const setCookie = String(stored.headers.get('set-cookie'));
    expect(setCookie).toMatch(/^session=[^;]+; HttpOnly; Path=\/course\/sandbox\/flask$/);

    const shown = await fetch(`${site}${location}`, {
      headers: { Cookie: setCookie.split(';')[0] as string },
    });
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('First Name: Ada');
    expect(embeddedExchanges(html).map((exchange) => `${exchange.method} ${exchange.path}`)).toEqual([
      'POST /course/sandbox/flask/store',
      'GET /course/sandbox/flask/',
    ]);
    // The app's own forms post under the prefix too.
    expect(html).toContain('action="/course/sandbox/flask/store"');
    expect(html).toContain('href="/course/sandbox/api/decode?return=');
  });

  it('writes the lab cookie under /course/sandbox and redirects lab experiments under /course', async () => {
    const weak = await fetch(`${site}/course/sandbox/flask/lab/weak-key`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(weak.status).toBe(302);
    expect(String(weak.headers.get('location'))).toMatch(/^\/course\/sandbox\/flask\//);
    const cookies = weak.headers.getSetCookie();
    expect(cookies.find((cookie) => cookie.startsWith('sandbox_lab='))).toMatch(/; Path=\/course\/sandbox;/);
  });

  it('answers a page outside the prefix with a 404 that names where the course is', async () => {
    const direct = await fetch(`${new URL((await urlOf(server)) as string).origin}/learn/`);
    expect(direct.status).toBe(404);
    expect(await direct.text()).toContain('/course/');
  });

  it('runs a step page in a browser: the framed app stores, the inspector shows it, the task ticks', async () => {
    const browser = await launchBrowser();
    try {
      const page = await openPage(browser);
      await page.goto(`${site}/course/learn/the-import/`);
      const items = page.locator('[data-inspector-list] > li');
      await expect.poll(() => items.count()).toBeGreaterThan(0);
      const app = page.frameLocator('iframe[name="sandbox-flask"]');
      await app.getByLabel('First name').fill('Ada');
      await app.getByLabel('First name').press('Enter');
      await expect.poll(() => app.locator('body').textContent()).toContain('First Name: Ada');
      await expect
        .poll(() => items.first().locator('summary').textContent())
        .toMatch(/GET \/course\/sandbox\/flask\//);
      const store = page.locator('[data-inspector-list] > li', {
        hasText: 'POST /course/sandbox/flask/store',
      });
      expect(await store.count()).toBe(1);
      await expect
        .poll(() => page.locator('[data-task-status="store-first-name"]').textContent())
        .toMatch(/Done ✓/);
      // The header's links stay under the prefix after the scripts ran.
      const hrefs = await page
        .locator('header a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs.every((href) => href?.startsWith('/course/'))).toBe(true);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
