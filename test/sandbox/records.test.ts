/**
 * The inspector's data: the exchange records the server writes for each step of the flow, how a
 * POST's record travels to the next page in `?trace=`, and that an altered trace is ignored.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { codeLinesFor } from '../../sandbox/apps/app-source.ts';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { createTraceCodec } from '../../sandbox/recorder/trace.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from './app.ts';

const NOW = Math.floor(Date.now() / 1000);

/** GET a page and return its embedded records. */
async function recordsOf(agent: ReturnType<typeof request.agent>, url: string): Promise<Exchange[]> {
  const res = await agent.get(url);
  expect(res.status).toBe(200);
  return embeddedExchanges(res.text) as unknown as Exchange[];
}

describe('exchange records (Flask engine)', () => {
  it('records every step of the flow with the headers actually sent', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));

    const [first] = await recordsOf(agent, '/sandbox/flask/');
    expect(first).toMatchObject({
      engine: 'flask',
      action: 'show',
      method: 'GET',
      path: '/sandbox/flask/',
      status: 200,
      requestCookie: null,
      setCookies: [],
      vary: 'Cookie', // Flask 3.1 (the default): the template's `'firstName' in session` is an access
      session: { status: 'none', before: {}, after: {} },
      cookieAfter: null,
      codeLines: codeLinesFor('show'),
      templateBranch: 'else',
    });
    expect(first?.anatomy).toBeUndefined();
    expect(first?.summary).toMatch(/printed nothing/);

    const store = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const [post, show] = await recordsOf(agent, store.headers.location);
    const cookie = (store.headers['set-cookie'][0] as string).split(';')[0]?.slice('session='.length);
    expect(post).toMatchObject({
      action: 'store',
      method: 'POST',
      path: '/sandbox/flask/store',
      status: 302,
      location: '/sandbox/flask/',
      setCookies: store.headers['set-cookie'],
      vary: 'Cookie',
      session: { status: 'none', before: {}, after: { firstName: 'Phill' } },
      cookieAfter: cookie,
      codeLines: codeLinesFor('store'),
    });
    expect(post?.anatomy).toMatchObject({
      input: cookie,
      isFlaskCookie: true,
      compressed: false,
      value: { firstName: 'Phill' },
      signedAt: NOW,
      verdict: { kind: 'valid', keyIndex: 0 },
    });
    expect(post?.anatomy?.segments.map((s) => s.kind)).toEqual(['payload', 'timestamp', 'signature']);
    expect(show).toMatchObject({
      action: 'show',
      requestCookie: `session=${cookie}`,
      setCookies: [],
      vary: 'Cookie',
      session: {
        status: 'valid',
        keyIndex: 0,
        before: { firstName: 'Phill' },
        after: { firstName: 'Phill' },
      },
      cookieAfter: cookie,
      templateBranch: 'if',
    });
    expect(post?.id).not.toBe(show?.id);

    const second = await agent
      .post('/sandbox/flask/store-second')
      .type('form')
      .send({ favouriteColour: 'teal' });
    const [secondRecord] = await recordsOf(agent, second.headers.location);
    expect(secondRecord).toMatchObject({
      action: 'store-second',
      codeLines: codeLinesFor('store-second'),
      session: { before: { firstName: 'Phill' }, after: { firstName: 'Phill', favouriteColour: 'teal' } },
    });

    const permanent = await agent.post('/sandbox/flask/permanent').type('form');
    const [permanentRecord, afterPermanent] = await recordsOf(agent, permanent.headers.location);
    expect(permanentRecord?.session.after).toEqual({
      _permanent: true,
      firstName: 'Phill',
      favouriteColour: 'teal',
    });
    expect(permanentRecord?.setCookies[0]).toMatch(/; Expires=/);
    expect(afterPermanent?.setCookies[0]).toMatch(/; Expires=/); // refreshed on every request

    const clear = await agent.post('/sandbox/flask/clear').type('form');
    const [clearRecord, afterClear] = await recordsOf(agent, clear.headers.location);
    expect(clearRecord).toMatchObject({
      action: 'clear',
      setCookies: [
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
      ],
      cookieAfter: null,
      session: { after: {} },
      codeLines: codeLinesFor('clear'),
    });
    expect(clearRecord?.summary).toMatch(/delete the cookie/);
    expect(afterClear).toMatchObject({ requestCookie: null, templateBranch: 'else' });
  });

  it("carries the template's exact HTML output, escaping included, for both engines", async () => {
    for (const engine of ['flask', 'express']) {
      const agent = request.agent(sandboxApp());
      const [empty] = await recordsOf(agent, `/sandbox/${engine}/`);
      expect(empty?.templateHtml).toBe('');
      const store = await agent
        .post(`/sandbox/${engine}/store`)
        .type('form')
        .send({ firstName: '<b>Ada</b>' });
      const [post, show] = await recordsOf(agent, store.headers.location);
      expect(post?.templateHtml).toBeUndefined();
      expect(show?.templateHtml).toContain('First Name: &lt;b&gt;Ada&lt;/b&gt;<br>');
      expect(show?.templateHtml).toBe(show?.templateHtml?.trim());
    }
  });

  it("only reports the sandbox's cookies from the request", async () => {
    const res = await request(sandboxApp())
      .get('/sandbox/flask/')
      .set('Cookie', 'theme=dark; session=abc; progress=3; sandbox_lab=xyz');
    const [record] = embeddedExchanges(res.text) as unknown as Exchange[];
    expect(record?.requestCookie).toBe('session=abc; sandbox_lab=xyz');
  });

  it('ignores a trace that was altered, signed by another server, or belongs to the other engine', async () => {
    const app = sandboxApp();
    const store = await request(app).post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const trace = new URL(store.headers.location, 'http://x').searchParams.get('trace') as string;
    const cookie = setCookiesOf(store)[0]?.split(';')[0] as string;
    const altered = `${trace.slice(0, 10)}${trace[10] === 'A' ? 'B' : 'A'}${trace.slice(11)}`;
    const foreign = createTraceCodec('another-secret').seal({
      ...(createTraceCodec('test-server-secret').open(trace, cookie.slice('session='.length)) as Exchange),
    });

    for (const bad of [altered, foreign, 'garbage', `${trace}x`, '']) {
      const res = await request(app)
        .get(`/sandbox/flask/?trace=${encodeURIComponent(bad)}`)
        .set('Cookie', cookie);
      expect(res.status).toBe(200);
      expect(embeddedExchanges(res.text).map((x) => x.action)).toEqual(['show']);
    }
    const other = await request(app).get(`/sandbox/express/?trace=${trace}`).set('Cookie', cookie);
    expect(embeddedExchanges(other.text).map((x) => x.engine)).toEqual(['express']);
    const good = await request(app).get(`/sandbox/flask/?trace=${trace}`).set('Cookie', cookie);
    expect(embeddedExchanges(good.text).map((x) => x.action)).toEqual(['store', 'show']);
  });

  it("escapes the embedded JSON so a learner's value cannot close the script element", async () => {
    const agent = request.agent(sandboxApp());
    const store = await agent
      .post('/sandbox/flask/store')
      .type('form')
      .send({ firstName: '</script><!--<script>' });
    const res = await agent.get(store.headers.location);
    const json = /data-sandbox-exchanges>([\s\S]*?)<\/script>/.exec(res.text)?.[1] as string;
    expect(json).not.toMatch(/[<>]/);
    expect(embeddedExchanges(res.text)[1]?.session).toMatchObject({
      after: { firstName: '</script><!--<script>' },
    });
  });

  it('carries a record too big for a URL in shortened form', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const res = await agent.post('/sandbox/flask/lab/oversize');
    expect(res.headers.location.length).toBeLessThan(7000);
    const [record] = await recordsOf(agent, res.headers.location);
    expect(record).toMatchObject({ action: 'lab', labAction: 'oversize', truncated: true });
    expect(record?.cookieWarning).toMatch(/^The 'session' cookie is too large/);
    // Werkzeug's warning is quoted whole, even when the rest of the record is shortened.
    expect(record?.cookieWarning).toMatch(/Browsers may silently ignore cookies larger than this\.$/);
    expect(record?.cookieWarning).not.toContain('more characters]');
  });
});

describe('what a record notes from the headers', () => {
  it("keeps the browser's Sec-Fetch-Site when it is a short token, and nothing longer", async () => {
    const app = sandboxApp();
    const fetchSiteOf = async (value?: string) => {
      const req = request(app).get('/sandbox/flask/');
      const res = await (value === undefined ? req : req.set('Sec-Fetch-Site', value));
      return (embeddedExchanges(res.text)[0] as unknown as Exchange).fetchSite;
    };
    expect(await fetchSiteOf('same-origin')).toBe('same-origin');
    expect(await fetchSiteOf('x'.repeat(20))).toBe('x'.repeat(20));
    expect(await fetchSiteOf('x'.repeat(21))).toBeUndefined();
    expect(await fetchSiteOf()).toBeUndefined();
  });

  it('keeps the cookie the browser had when the new one is too big for a browser to keep', async () => {
    const agent = request.agent(sandboxApp());
    const store = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    const kept = setCookiesOf(store)[0]?.split(';')[0]?.slice('session='.length);
    const res = await agent.post('/sandbox/flask/lab/oversize');
    const sent = setCookiesOf(res).find((h) => h.startsWith('session='));
    expect(Buffer.byteLength(sent as string)).toBeGreaterThan(4096);
    const [record] = await recordsOf(agent, res.headers.location);
    expect(record?.cookieAfter).toBe(kept);
  });
});

describe('exchange records (Express engine)', () => {
  it('records both cookies and judges the signature', async () => {
    const agent = request.agent(sandboxApp());
    const store = await agent.post('/sandbox/express/store').type('form').send({ firstName: 'Phill' });
    const [post, show] = await recordsOf(agent, store.headers.location);
    expect(post).toMatchObject({
      engine: 'express',
      action: 'store',
      status: 302,
      setCookies: store.headers['set-cookie'],
      session: { status: 'none', before: {}, after: { firstName: 'Phill' } },
      cookieAfter: 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9',
    });
    expect(post?.anatomy).toBeUndefined();
    expect(show).toMatchObject({
      session: { status: 'valid', before: { firstName: 'Phill' } },
      templateBranch: 'if',
    });
    expect(show?.requestCookie).toMatch(/^session=eyJmaXJzdE5hbWUiOiJQaGlsbCJ9; session\.sig=/);
  });
});
