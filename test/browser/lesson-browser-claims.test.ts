/**
 * What step 10 says browsers do with cookies on a developer's machine, checked in Chromium: a
 * `Secure` cookie set over plain http comes back on `localhost`, and one cookie serves every port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { lessonBody } from '../helpers/lesson-text.ts';

/** A plain-http app on 127.0.0.1: /set sends `cookie`, /echo answers with the Cookie header it got. */
function cookieApp(cookie: string): Promise<{ port: number; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url === '/set') response.setHeader('Set-Cookie', cookie);
    response.setHeader('Content-Type', 'text/plain');
    response.end(request.headers.cookie ?? '(no cookie)');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, server })),
  );
}

let browser: Browser;
const servers: Server[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

describe('cookies on http://localhost, as step 10 describes them', () => {
  it('sends a Secure cookie back over plain http to localhost in Chromium', async () => {
    const app = await cookieApp('session=abc; Secure; HttpOnly; Path=/');
    servers.push(app.server);
    const page = await openPage(browser);
    await page.goto(`http://localhost:${app.port}/set`);
    await page.goto(`http://localhost:${app.port}/echo`);
    expect(await page.textContent('body')).toBe('session=abc');
    await page.context().close();
    expect(lessonBody('cookie-flags-and-lifetime')).toContain(
      'Chrome and Firefox count `http://localhost` as secure',
    );
  });

  it('sends the cookie one port set to another port of the same host', async () => {
    const shop = await cookieApp('session=from-the-shop; HttpOnly; Path=/');
    const blog = await cookieApp('');
    servers.push(shop.server, blog.server);
    const page = await openPage(browser);
    await page.goto(`http://localhost:${shop.port}/set`);
    await page.goto(`http://localhost:${blog.port}/echo`);
    expect(await page.textContent('body')).toBe('session=from-the-shop');
    await page.context().close();
    expect(lessonBody('cookie-flags-and-lifetime')).toContain("Cookies don't tell ports apart");
  });
});
