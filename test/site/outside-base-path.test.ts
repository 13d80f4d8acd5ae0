/**
 * Under BASE_PATH, what the server answers outside the prefix (the redirect to it from `/`, the 404
 * for anything else) carries the same protective headers as the course inside, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  // Only the answers outside /course are looked at, so the site built for the root will do.
  server = await startServer({ BASE_PATH: '/course', TRUST_PROXY: 'loopback' });
});
afterAll(() => server?.close());

function expectProtected(response: Response, what: string): void {
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(response.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'self'/);
  expect(response.headers.get('content-security-policy'), what).toMatch(/object-src 'none'/);
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('x-powered-by'), what).toBeNull();
}

describe('outside BASE_PATH', () => {
  it('redirects / to the prefix with the protective headers', async () => {
    const response = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/course/');
    expectProtected(response, 'GET /');
  });

  it('answers other paths 404 with the protective headers, and HSTS when the proxy says HTTPS', async () => {
    const response = await fetch(`${server.url}/elsewhere`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not Found. Session Lab is served under /course/');
    expectProtected(response, 'GET /elsewhere');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const overHttps = await fetch(`${server.url}/elsewhere`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
