/**
 * Cross-site writes are refused (Fetch Metadata and Origin), over real HTTP against the whole
 * server: a 403 page, no cookie set, nothing changed. Same-origin forms, and clients that send
 * neither header (curl), still work. Cookie attributes: Flask's session cookie stays byte for byte
 * Flask's default; the lab cookie is SameSite=Lax, and Secure (with HSTS) behind an HTTPS proxy.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: 'loopback' });
});
afterAll(() => server.close());

function post(path: string, headers: Record<string, string>, body = 'firstName=Mallory'): Promise<Response> {
  return fetch(server.url + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

/** A POST over node:http, which (unlike fetch) can send a header twice. */
function rawPost(
  path: string,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; setCookie: string[] | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const body = 'firstName=Mallory';
    const req = request(server.url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': body.length,
        ...headers,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'], body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const writes = [
  '/sandbox/flask/store',
  '/sandbox/express/store',
  '/sandbox/flask/lab/key',
  '/sandbox/flask/lab/forge',
];

describe('cross-site writes', () => {
  const refused: Array<[string, Record<string, string>]> = [
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site' }],
    ['a foreign Origin (older browser, no Sec-Fetch-Site)', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['same-site from another port', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:1' }],
  ];
  for (const [what, headers] of refused) {
    it(`refuses ${what}: 403, a clear page, no cookie`, async () => {
      for (const path of writes) {
        const res = await post(path, headers, 'firstName=Mallory&secretKey=evil&json={"admin":true}');
        expect(res.status, path).toBe(403);
        expect(res.headers.get('set-cookie'), path).toBeNull();
        const html = await res.text();
        expect(html).toContain('<h1>403 Refused: sent from another site</h1>');
        expect(html).toContain('sent from another website');
        expect(html).not.toContain('Mallory');
      }
      const json = await post('/sandbox/flask/lab/resign', { ...headers, accept: 'application/json' }, '');
      expect(json.status).toBe(403);
      expect((await json.json()).error).toMatch(/another website/);
    });
  }

  it('refuses a Sec-Fetch-Site no browser sends, and Sec-Fetch-Site or Origin sent twice: 403, no cookie', async () => {
    const own = server.url;
    const cases: Array<Record<string, string | string[]>> = [
      { 'sec-fetch-site': 'same-origin-ish' },
      { 'sec-fetch-site': 'SAME-ORIGIN, cross-site' },
      { 'sec-fetch-site': '' },
      { 'sec-fetch-site': ['same-origin', 'cross-site'] },
      { 'sec-fetch-site': ['none', 'none'] },
      { origin: [own, 'https://evil.example'] },
    ];
    for (const headers of cases) {
      const res = await rawPost('/sandbox/flask/store', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.setCookie, JSON.stringify(headers)).toBeUndefined();
      expect(res.body).toContain('<h1>403 Refused: sent from another site</h1>');
    }
  });

  it('allows same-origin forms, forms typed by the user, and clients without those headers', async () => {
    const own = server.url;
    const cases: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-origin', origin: own },
      { 'sec-fetch-site': 'none' },
      { origin: own },
      {},
    ];
    for (const headers of cases) {
      const res = await post('/sandbox/flask/store', headers);
      expect(res.status, JSON.stringify(headers)).toBe(302);
      expect(res.headers.get('set-cookie')).toMatch(/^session=/);
    }
  });

  it("compares Origin with the trusted proxy's forwarded host and scheme", async () => {
    const proxied = {
      'x-forwarded-host': 'course.example',
      'x-forwarded-proto': 'https',
    };
    const ok = await post('/sandbox/flask/store', { ...proxied, origin: 'https://course.example' });
    expect(ok.status).toBe(302);
    const wrongScheme = await post('/sandbox/flask/store', { ...proxied, origin: 'http://course.example' });
    expect(wrongScheme.status).toBe(403);
  });

  it('reads (GET) are never refused, whatever the headers', async () => {
    const res = await fetch(`${server.url}/sandbox/flask/`, {
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(200);
  });
});

describe('cookie attributes', () => {
  it("keeps Flask's session cookie exactly as Flask's defaults write it", async () => {
    const res = await post('/sandbox/flask/store', {});
    expect(res.headers.get('set-cookie')).toMatch(/^session=[\w.-]+; HttpOnly; Path=\/sandbox\/flask$/);
  });

  it('sends the lab cookie with SameSite=Lax, not Secure over plain HTTP, and no HSTS', async () => {
    const res = await post('/sandbox/flask/lab/key', {}, 'secretKey=my-own-key');
    const lab = res.headers.getSetCookie().find((header) => header.startsWith('sandbox_lab='));
    expect(lab).toMatch(/; Path=\/sandbox; HttpOnly; SameSite=Lax$/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('behind a trusted HTTPS proxy: a Secure lab cookie and HSTS on every page', async () => {
    const res = await post(
      '/sandbox/flask/lab/key',
      { 'x-forwarded-proto': 'https' },
      'secretKey=my-own-key',
    );
    const lab = res.headers.getSetCookie().find((header) => header.startsWith('sandbox_lab='));
    expect(lab).toMatch(/; Secure; SameSite=Lax$/);
    for (const path of ['/', '/sandbox/', '/sandbox/flask/']) {
      const page = await fetch(server.url + path, { headers: { 'x-forwarded-proto': 'https' } });
      expect(page.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });
});
