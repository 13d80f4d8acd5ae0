import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonSlugs } from '../helpers/lessons.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';

const slugs = lessonSlugs();

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

async function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(server.url + path);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

describe('the course site served by the real server', () => {
  it('has a lesson file for every step, numbered from 0 without gaps', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(8);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('lists every step in order on the home page', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    const linked = [...home.body.matchAll(/data-step-slug="([^"]+)"/g)].map((match) => match[1]);
    expect(linked).toEqual(slugs);
    expect(home.body).toContain('href="/learn/what-is-a-session/"');
  });

  it.each(slugs.map((slug, index) => [slug, index]))(
    'serves step %s with highlighted code and its question',
    async (slug, index) => {
      const page = await get(`/learn/${slug}/`);
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      expect(page.body).toContain('class="astro-code');
      expect(page.body).toContain('--shiki-dark:');
      expect(page.body).toContain('Check your understanding');
      expect(page.body.match(/type="radio"/g)?.length).toBeGreaterThanOrEqual(2);
      expect(page.body).toContain(`data-current-step="${slug}"`);
      expect(page.body).toContain('aria-current="page"');
      if (index > 0) expect(page.body).toContain(`href="/learn/${slugs[index - 1]}/" rel="prev"`);
      if (index < slugs.length - 1)
        expect(page.body).toContain(`href="/learn/${slugs[index + 1]}/" rel="next"`);
      expect(page.body).toContain('data-sandbox-panel');
    },
  );

  it('highlights Python, Jinja, shell and HTTP code blocks', async () => {
    const pages = await Promise.all(slugs.map((slug) => get(`/learn/${slug}/`)));
    const languages = new Set(
      pages.flatMap((page) => [...page.body.matchAll(/data-language="([^"]+)"/g)].map((m) => m[1])),
    );
    for (const language of ['python', 'jinja', 'shell', 'http']) expect(languages).toContain(language);
  });

  it('answers unknown paths with a helpful 404 page', async () => {
    const missing = await get('/learn/no-such-step/');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^text\/html/);
    expect(missing.body).toContain('This page does not exist');
    expect(missing.body).toContain('href="/learn/what-is-a-session/"');
    // Its list numbers the steps 1 to n, as every other page does ("Step 1 of 12").
    const list = missing.body.match(/<ol[^>]*>(.*?)<\/ol>/s);
    expect(list?.[0]).not.toMatch(/<ol[^>]*start=/);
    const numbers = [...(list?.[1] ?? '').matchAll(/<li value="(\d+)"[^>]*><a href="\/learn\/([^/]+)\/"/g)];
    expect(numbers.map(([, number, slug]) => [Number(number), slug])).toEqual(
      slugs.map((slug, index) => [index + 1, slug]),
    );
    expect((await get('/definitely/not/here.png')).status).toBe(404);
  });

  it("answers a visit to a form's address with a 405 page that says so and links back, not a 404", async () => {
    const appForms = ['store', 'store-second', 'flash', 'clear', 'permanent'];
    const flaskLab = [
      'key',
      'reset',
      'weak-key',
      'tamper',
      'replay',
      'resign',
      'forge',
      'oversize',
      'flask-version',
      'guess',
    ];
    const addresses = [
      ...appForms.flatMap((form) => [`/sandbox/flask/${form}`, `/sandbox/express/${form}`]),
      ...flaskLab.map((action) => `/sandbox/flask/lab/${action}`),
      '/sandbox/express/lab/tamper',
      '/sandbox/api/guess',
      '/sandbox/flask/store/',
    ];
    for (const address of addresses) {
      const response = await fetch(server.url + address, { headers: { cookie: 'session=eyJhIjoxfQ.x.y' } });
      const html = await response.text();
      expect(response.status, address).toBe(405);
      expect(response.headers.get('allow'), address).toBe('POST');
      expect(response.headers.get('set-cookie'), address).toBeNull();
      expect(html, address).toContain('<h1>405 This address takes a form</h1>');
      expect(html, address).toContain('This address takes the app&#39;s form: the browser sends it there');
      expect(html, address).not.toContain('This page does not exist');
      const back = address.startsWith('/sandbox/express/') ? '/sandbox/express/' : '/sandbox/flask/';
      expect(html, address).toContain(`<a href="${back}">Back to the sandbox app</a>`);
    }
    const head = await fetch(`${server.url}/sandbox/flask/store`, { method: 'HEAD' });
    expect([head.status, head.headers.get('allow')]).toEqual([405, 'POST']);
    // Addresses that take no form stay a 404; the decode tool's page answers a visit.
    for (const address of ['/sandbox/flask/nothing', '/sandbox/flask/lab/nothing', '/sandbox/api/nothing']) {
      expect((await fetch(server.url + address)).status, address).toBe(404);
    }
    expect((await fetch(`${server.url}/sandbox/api/decode`)).status).toBe(200);
  });

  it('serves every script, stylesheet and icon the pages reference', async () => {
    const pages = await Promise.all(['/', `/learn/${slugs[0]}/`, '/sandbox/'].map(get));
    const assets = new Set(
      pages.flatMap((page) =>
        [...page.body.matchAll(/(?:src|href)="(\/(?:_astro\/[^"]+|favicon\.svg))"/g)].map((m) => m[1]),
      ),
    );
    expect(assets.size).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await fetch(server.url + asset);
      expect(response.status, asset).toBe(200);
      await response.arrayBuffer();
      if (asset.startsWith('/_astro/')) expect(response.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('answers 405, not an error, to methods nothing here accepts', async () => {
    for (const [method, path] of [
      ['TRACE', '/'],
      ['PUT', '/learn/the-import/'],
      ['DELETE', '/sandbox/flask/'],
    ]) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        request(`${server.url}${path}`, { method }, (response) => {
          response.resume();
          resolve(response.statusCode);
        })
          .on('error', reject)
          .end();
      });
      expect(status, `${method} ${path}`).toBe(405);
    }
  });

  it('answers the health check', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
  });

  it('compresses built pages, but not the sandbox apps whose pages change on every request', async () => {
    const gzip = { headers: { 'accept-encoding': 'gzip' } };
    expect((await fetch(`${server.url}/`, gzip)).headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${server.url}/sandbox/`, gzip)).headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${server.url}/sandbox/flask/`, gzip)).headers.get('content-encoding')).toBeNull();
  });

  it('lets no script run on the sandbox apps, which show what learners typed', async () => {
    const csp = (await fetch(`${server.url}/sandbox/flask/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'self'");
    // The built /sandbox/ page runs the inspector, so the apps' policy must not reach it: it gets
    // the course pages' header (no default-src) and Astro's <meta> policy with script hashes.
    const page = (await fetch(`${server.url}/sandbox/`)).headers.get('content-security-policy') ?? '';
    expect(page).toContain("frame-ancestors 'self'");
    expect(page).not.toContain('default-src');
  });

  it('sends protective headers', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
