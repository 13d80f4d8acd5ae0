/**
 * Nothing secret in URLs and no foreign cookie echoed, over real HTTP against the whole server:
 * the `?trace=` after a POST is sealed (no readable cookie however it is decoded), only the
 * sandbox's own cookies are recorded or shown, and the decode tool takes a key by POST only.
 */
import { inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTraceCodec } from '../../sandbox/recorder/trace.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { embeddedExchanges } from '../sandbox/app.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const foreign =
  'sessionid=other-apps-secret-1; session_token=other-apps-secret-2; csrftoken=other-apps-secret-3';

async function store(cookie: string, firstName = 'Ada'): Promise<{ trace: string; setCookie: string }> {
  const res = await fetch(`${server.url}/sandbox/flask/store`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ firstName }).toString(),
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') as string, server.url);
  return {
    trace: location.searchParams.get('trace') as string,
    setCookie: (res.headers.get('set-cookie') as string).split(';')[0] as string,
  };
}

/** Every way someone reading a log might try to read a trace. */
function readings(trace: string): string[] {
  const bytes = Buffer.from(trace, 'base64url');
  const out = [trace, bytes.toString('latin1')];
  for (let skip = 0; skip <= 40; skip++) {
    for (const inflate of [inflateRawSync, inflateSync]) {
      try {
        out.push(inflate(bytes.subarray(skip)).toString('latin1'));
      } catch {
        // not a deflate stream from here: fine
      }
    }
  }
  return out;
}

describe('the trace in the redirect', () => {
  it('holds no readable cookie, whatever is decoded', async () => {
    const first = await store('');
    const cookieValue = first.setCookie.slice('session='.length);
    const second = await store(`${first.setCookie}; ${foreign}`);
    for (const text of readings(second.trace)) {
      expect(text).not.toContain('session=');
      expect(text).not.toContain(cookieValue);
      expect(text).not.toContain(cookieValue.slice(0, 20));
      expect(text).not.toContain('other-apps-secret');
      expect(text).not.toContain('Ada');
    }
    // …while the server that sealed it reads it back, with only the sandbox's cookie in it.
    const record = createTraceCodec('test-server-secret-of-32-characters').open(
      second.trace,
      second.setCookie.slice('session='.length),
    );
    expect(record?.requestCookie).toBe(first.setCookie);
  });

  it('a trace from another server secret is ignored', async () => {
    const { trace } = await store('');
    expect(createTraceCodec('another-secret').open(trace, null)).toBeUndefined();
  });

  it('opens only in the browser it was made for: anyone else given the URL sees no cookie of the learner', async () => {
    const first = await store('');
    const second = await store(first.setCookie, 'Grace');
    const page = (cookie: string | undefined) =>
      fetch(`${server.url}/sandbox/flask/?trace=${second.trace}`, { headers: cookie ? { cookie } : {} }).then(
        async (res) => ({ status: res.status, html: await res.text() }),
      );
    const learner = await page(second.setCookie);
    expect(embeddedExchanges(learner.html).map((x) => x.action)).toEqual(['store', 'show']);
    expect(learner.html).toContain(first.setCookie.slice('session='.length));
    // Someone else: no cookie, another learner's cookie, or the learner's cookie from before the store.
    const other = await store('', 'Mallory');
    for (const cookie of [undefined, other.setCookie, first.setCookie]) {
      const stranger = await page(cookie);
      expect(stranger.status).toBe(200);
      expect(
        embeddedExchanges(stranger.html).map((x) => x.action),
        String(cookie),
      ).toEqual(['show']);
      expect(stranger.html).not.toContain(second.setCookie.slice('session='.length));
      if (cookie !== first.setCookie)
        expect(stranger.html).not.toContain(first.setCookie.slice('session='.length));
    }
  });
});

describe("only the sandbox's own cookies", () => {
  it('are recorded and shown: other apps’ cookies never appear in the page or its records', async () => {
    const { setCookie } = await store('');
    for (const engine of ['flask', 'express']) {
      const res = await fetch(`${server.url}/sandbox/${engine}/`, {
        headers: { cookie: `${foreign}; ${setCookie}; sandbox_labx=1; session.sigx=2` },
      });
      const html = await res.text();
      expect(html).not.toContain('other-apps-secret');
      expect(html).not.toContain('sandbox_labx');
      expect(html).not.toContain('session.sigx');
      const [record] = embeddedExchanges(html);
      expect(record?.requestCookie).toBe(setCookie);
    }
  });
});

describe('the decode tool', () => {
  const cookie = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';

  it('refuses a key in the address, with a message, and decodes nothing', async () => {
    const url = `${server.url}/sandbox/api/decode?${new URLSearchParams({ cookie, secretKey: 'w98fw9ef8hwe98fhwef' })}`;
    const res = await fetch(url);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Send the secret key in the form (POST), not in the address');
    expect(html).not.toContain('Phill');
  });

  it('takes the key by POST, and its form posts', async () => {
    const form = await (await fetch(`${server.url}/sandbox/api/decode`)).text();
    expect(form).toMatch(/<form method="post" action="\/sandbox\/api\/decode">/);
    const res = await fetch(`${server.url}/sandbox/api/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ cookie, secretKey: 'w98fw9ef8hwe98fhwef' }).toString(),
    });
    expect((await res.json()).verifying.verdict.kind).toMatch(/valid|expired/);
  });
});
