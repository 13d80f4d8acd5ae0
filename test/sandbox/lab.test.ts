/**
 * The lab: tamper, change and rotate the key, forge, weak key and guessing, oversize, decode —
 * each acting only on the learner's own cookies, so two learners never see each other's settings.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { storeLines } from '../../sandbox/apps/app-source.ts';
import type { Exchange } from '../../sandbox/exchange/exchange.ts';
import { loadSession, signSession } from '../../sandbox/flask-session/index.ts';
import { defaultLab, parseLab } from '../../sandbox/keys/lab-settings.ts';
import { WEAK_KEYS } from '../../sandbox/lab/weak-keys.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

const demoKey = 'w98fw9ef8hwe98fhwef';
type Agent = ReturnType<typeof request.agent>;

/** Follows a lab POST's redirect and returns [the lab record, the page's own record]. */
async function run(agent: Agent, path: string, form: Record<string, string> = {}): Promise<Exchange[]> {
  const res = await agent.post(path).type('form').send(form);
  expect(res.status, res.text).toBe(302);
  const page = await agent.get(res.headers.location);
  return embeddedExchanges(page.text) as unknown as Exchange[];
}

/** A learner with "Phill" stored in their Flask sandbox session. */
async function learner(): Promise<Agent> {
  const agent = request.agent(sandboxApp());
  await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
  return agent;
}

describe('tamper', () => {
  it('sets the edited cookie; the app then rejects it and starts an empty session', async () => {
    const agent = await learner();
    const [lab, page] = await run(agent, '/sandbox/flask/lab/tamper', {
      cookie: 'eyJmaXJzdE5hbWUiOiJBZG1pbiJ9.ZVPxAA.AAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(lab).toMatchObject({ action: 'lab', labAction: 'tamper', codeLines: [] });
    expect(lab?.setCookies).toEqual([
      'session=eyJmaXJzdE5hbWUiOiJBZG1pbiJ9.ZVPxAA.AAAAAAAAAAAAAAAAAAAAAAAAAAA; HttpOnly; Path=/sandbox/flask',
    ]);
    expect(page?.session).toMatchObject({ status: 'bad-signature', before: {} });
    expect(page?.anatomy?.verdict).toEqual({ kind: 'bad-signature' });
    expect(page?.anatomy?.value).toEqual({ firstName: 'Admin' }); // readable, not trusted
  });

  it('works for the Express engine: the old session.sig no longer matches', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/express/store').type('form').send({ firstName: 'Phill' });
    const forged = Buffer.from('{"firstName":"Admin"}').toString('base64');
    const [lab, page] = await run(agent, '/sandbox/express/lab/tamper', { cookie: forged });
    expect(lab?.setCookies).toEqual([`session=${forged}; path=/sandbox/express; httponly`]);
    expect(page?.session).toMatchObject({ status: 'bad-signature', before: {} });
    expect(page?.templateBranch).toBe('else');
  });

  it('refuses values a cookie cannot hold', async () => {
    const agent = await learner();
    for (const cookie of ['', 'a b', 'a;b', 'é', 'x'.repeat(5000)]) {
      const res = await agent.post('/sandbox/flask/lab/tamper').type('form').send({ cookie });
      expect([400, 413]).toContain(res.status);
    }
  });
});

describe('changing and rotating the key', () => {
  it('replace: the old cookie stops verifying', async () => {
    const agent = await learner();
    const [lab, page] = await run(agent, '/sandbox/flask/lab/key', {
      secretKey: 'a-new-key',
      mode: 'replace',
    });
    expect(lab?.setCookies[0]).toMatch(/^sandbox_lab=[\w-]+; Path=\/sandbox; HttpOnly; SameSite=Lax$/);
    expect(lab?.anatomy?.verdict).toEqual({ kind: 'bad-signature' });
    expect(page?.session.status).toBe('bad-signature');
  });

  it('rotate: the old cookie still verifies with the fallback key, and re-signing moves it to the new key', async () => {
    const agent = await learner();
    const [lab, page] = await run(agent, '/sandbox/flask/lab/key', {
      secretKey: 'a-new-key',
      mode: 'rotate',
    });
    expect(lab?.labAction).toBe('rotate-key');
    expect(page?.session).toMatchObject({ status: 'valid', keyIndex: 1, before: { firstName: 'Phill' } });
    const [resign, after] = await run(agent, '/sandbox/flask/lab/resign');
    const value = resign?.cookieAfter as string;
    expect(loadSession(value, { secretKey: 'a-new-key' })).toEqual({ firstName: 'Phill' });
    expect(after?.session).toMatchObject({ status: 'valid', keyIndex: 0 });
  });

  it('reset: back to the demo key, the lab cookie deleted', async () => {
    const agent = await learner();
    await run(agent, '/sandbox/flask/lab/key', { secretKey: 'a-new-key' });
    const [lab, page] = await run(agent, '/sandbox/flask/lab/reset');
    expect(lab?.setCookies[0]).toMatch(/^sandbox_lab=; Path=\/sandbox; Expires=Thu, 01 Jan 1970/);
    expect(page?.session).toMatchObject({ status: 'valid', before: { firstName: 'Phill' } });
  });

  it('rejects an empty or overlong key and an unknown mode', async () => {
    const agent = await learner();
    for (const form of [
      { secretKey: '' },
      { secretKey: 'k'.repeat(201) },
      { secretKey: 'k', mode: 'swap' },
      {},
    ]) {
      const res = await agent.post('/sandbox/flask/lab/key').type('form').send(form);
      expect([400, 413]).toContain(res.status);
    }
  });
});

describe('forge', () => {
  it('a session signed with the key in force is accepted', async () => {
    const agent = request.agent(sandboxApp());
    const [, page] = await run(agent, '/sandbox/flask/lab/forge', {
      json: '{"firstName": "Admin", "admin": true}',
    });
    expect(page?.session).toMatchObject({ status: 'valid', before: { admin: true, firstName: 'Admin' } });
  });

  it("without a key it signs with the key in force: the learner's lab key, else the sandbox key", async () => {
    const agent = await learner();
    await run(agent, '/sandbox/flask/lab/key', { secretKey: 'a-new-key' });
    const forms: Array<Record<string, string>> = [{ secretKey: '' }, {}];
    for (const form of forms) {
      const [lab, page] = await run(agent, '/sandbox/flask/lab/forge', { json: '{"admin": true}', ...form });
      expect(lab).toMatchObject({ labAction: 'forge', codeLines: [] });
      expect(loadSession(lab?.cookieAfter as string, { secretKey: 'a-new-key' })).toEqual({ admin: true });
      expect(page?.session).toMatchObject({ status: 'valid', before: { admin: true } });
    }
    const plain = request.agent(sandboxApp());
    const [lab] = await run(plain, '/sandbox/flask/lab/forge', { json: '{"admin": true}', secretKey: '' });
    expect(loadSession(lab?.cookieAfter as string, { secretKey: demoKey })).toEqual({ admin: true });
  });

  it('a session signed with another key is not, and tagged values survive', async () => {
    const agent = request.agent(sandboxApp());
    const [lab, page] = await run(agent, '/sandbox/flask/lab/forge', {
      json: '{"t": {"$tuple": [1, "a"]}}',
      secretKey: 'not-the-key',
    });
    expect(loadSession(lab?.cookieAfter as string, { secretKey: 'not-the-key' })).toMatchObject({
      t: { items: [1, 'a'] },
    });
    expect(page?.session.status).toBe('bad-signature');
  });

  it('answers 400 with a hint for JSON that is not a session', async () => {
    const agent = request.agent(sandboxApp());
    for (const json of ['{', '[1]', '{"$bytes": 5}', '1', `${'['.repeat(50)}${']'.repeat(50)}`]) {
      const res = await agent.post('/sandbox/flask/lab/forge').type('form').send({ json });
      expect(res.status).toBe(400);
    }
  });
});

describe('weak key and guessing', () => {
  it("sets a word from the list as the learner's key, re-signs the session, and the guesser finds it", async () => {
    const agent = await learner();
    const [lab] = await run(agent, '/sandbox/flask/lab/weak-key');
    const cookie = lab?.cookieAfter as string;
    const guess = await agent
      .post('/sandbox/api/guess')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie });
    expect(guess.status).toBe(200);
    expect(WEAK_KEYS).toContain(guess.body.key);
    expect(loadSession(cookie, { secretKey: guess.body.key })).toEqual({ firstName: 'Phill' });
    expect(guess.body.tried).toBeGreaterThan(0);
    expect(guess.body.perSecond).toBeGreaterThan(0);
    // The sandbox now accepts the cookie with the learner's weak key.
    const page = embeddedExchanges((await agent.get('/sandbox/flask/')).text) as unknown as Exchange[];
    expect(page[0]?.session.status).toBe('valid');
  });

  it('never shows the weak key: the lab cookie is sealed, the page says it is hidden', async () => {
    const agent = await learner();
    const [lab] = await run(agent, '/sandbox/flask/lab/weak-key');
    expect(lab?.codeLines).toEqual([]);
    const key = (
      await agent
        .post('/sandbox/api/guess')
        .set('Accept', 'application/json')
        .type('form')
        .send({ cookie: lab?.cookieAfter })
    ).body.key as string;
    expect(WEAK_KEYS).toContain(key);
    const labCookie = /sandbox_lab=([^;]*)/.exec(lab?.setCookies.join('\n') ?? '')?.[1] as string;
    expect(Buffer.from(labCookie, 'base64url').toString('latin1')).not.toContain(key);
    expect(parseLab(labCookie, demoKey, 'test-server-secret')).toMatchObject({ key, hidden: true });
    expect(parseLab(labCookie, demoKey, 'another-secret')).toEqual(defaultLab(demoKey));
    const page = await agent.get('/sandbox/flask/');
    expect(page.text).toContain("a weak key from the lab's word list (hidden — try to guess it)");
    expect(page.text).not.toContain(`<code>${key}</code>`);
    const records = embeddedExchanges(page.text) as unknown as Exchange[];
    for (const record of records) {
      for (const header of [record.requestCookie ?? '', ...record.setCookies]) {
        const value = /sandbox_lab=([^;]*)/.exec(header)?.[1] ?? '';
        expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain(key);
      }
    }
    // Rotating keeps the weak key hidden as a fallback; the key the learner typed is shown.
    await run(agent, '/sandbox/flask/lab/key', { secretKey: 'my-own-key', mode: 'rotate' });
    const rotated = await agent.get('/sandbox/flask/');
    expect(rotated.text).toContain('Key: <code>my-own-key</code>');
    expect(rotated.text).toContain("Fallback: a weak key from the lab's word list (hidden");
    expect(rotated.text).not.toContain(`<code>${key}</code>`);
  });

  it('guesses the demo key from a demo cookie, with an HTML page without JavaScript', async () => {
    const agent = await learner();
    const res = await agent.post('/sandbox/flask/lab/guess').type('form');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<code>w98fw9ef8hwe98fhwef</code>');
  });

  it('reports no key for a strong one, and 400 without a cookie', async () => {
    const cookie = signSession({ a: 1 }, { secretKey: 'a long random key 5f0c2e', timestamp: 1700000000 });
    const app = sandboxApp();
    const res = await request(app)
      .post('/sandbox/api/guess')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie });
    expect(res.body).toMatchObject({ key: null });
    expect((await request(app).post('/sandbox/api/guess').type('form').send({})).status).toBe(400);
  });

  it('says clearly when the text is not a Flask session cookie', async () => {
    const app = sandboxApp();
    for (const cookie of ['hello', 'eyJhIjoxfQ', 'session=a.b.c']) {
      const json = await request(app)
        .post('/sandbox/api/guess')
        .set('Accept', 'application/json')
        .type('form')
        .send({ cookie });
      expect(json.status).toBe(400);
      expect(json.body.error).toMatch(/^That is not a Flask session cookie \(.+\)/);
      const page = await request(app).post('/sandbox/flask/lab/guess').type('form').send({ cookie });
      expect(page.status).toBe(400);
      expect(page.text).toContain('That is not a Flask session cookie (');
      expect(page.text).not.toContain('0 tried');
    }
  });
});

describe('oversize', () => {
  it("stores ~5000 characters; the record carries Werkzeug's warning word for word", async () => {
    const agent = await learner();
    const res = await agent.post('/sandbox/flask/lab/oversize').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    const exchange = res.body.exchange as Exchange;
    const header = res.headers['set-cookie'][0] as string;
    expect(header.length).toBeGreaterThan(4096);
    const value = header.split(';')[0]?.slice('session='.length) as string;
    expect(exchange.cookieWarning).toBe(
      `The 'session' cookie is too large: the value was ${value.length} bytes but the header required ` +
        `${header.length - value.length} extra bytes. The final size was ${header.length} bytes but the limit is ` +
        '4093 bytes. Browsers may silently ignore cookies larger than this.',
    );
    expect(exchange.codeLines).toEqual(storeLines());
    // Browsers drop it, so the browser still holds its old cookie.
    expect(exchange.cookieAfter).toBe(exchange.requestCookie?.slice('session='.length));
  });
});

describe('decode', () => {
  const cookie = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';

  it('decodes without a key and verifies only with one, as separate results', async () => {
    const app = sandboxApp({ now: () => 1700000100 });
    const plain = await request(app)
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie });
    expect(plain.body.decoding).toMatchObject({
      isFlaskCookie: true,
      value: { firstName: 'Phill' },
      signedAt: 1700000000,
    });
    expect(plain.body.verifying).toEqual({ checked: false });
    const keyed = await request(app)
      .get('/sandbox/api/decode')
      .query({ cookie, secretKey: demoKey })
      .set('Accept', 'application/json');
    expect(keyed.body.verifying).toEqual({ checked: true, verdict: { kind: 'valid', keyIndex: 0 } });
    const wrong = await request(app)
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie, secretKey: 'nope' });
    expect(wrong.body.verifying.verdict).toEqual({ kind: 'bad-signature' });
    expect(wrong.body.decoding.value).toEqual({ firstName: 'Phill' });
  });

  it('serves a form page, and a result page without JavaScript', async () => {
    const app = sandboxApp();
    const form = await request(app).get('/sandbox/api/decode');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="cookie">');
    const page = await request(app).get('/sandbox/api/decode').query({ cookie });
    expect(page.text).toContain('&quot;firstName&quot;: &quot;Phill&quot;');
    expect(page.text).toContain('No key given');
  });
});

describe('isolation', () => {
  it("two learners' lab settings never mix", async () => {
    const alice = await learner();
    const bob = await learner();
    await run(alice, '/sandbox/flask/lab/key', { secretKey: 'alice-key' });
    const [bobPage] = embeddedExchanges((await bob.get('/sandbox/flask/')).text) as unknown as Exchange[];
    expect(bobPage?.session).toMatchObject({ status: 'valid', before: { firstName: 'Phill' } });
    expect(bobPage?.requestCookie).not.toMatch(/sandbox_lab/);
    const [alicePage] = embeddedExchanges((await alice.get('/sandbox/flask/')).text) as unknown as Exchange[];
    expect(alicePage?.session.status).toBe('bad-signature');
    expect(alicePage?.requestCookie).toMatch(/sandbox_lab=/);
  });

  it('a malformed lab cookie means the defaults', () => {
    for (const value of ['', '!!!', Buffer.from('{"key": 5}').toString('base64url'), 'x'.repeat(3000)]) {
      expect(parseLab(value, demoKey, 'test-server-secret')).toEqual(defaultLab(demoKey));
    }
  });
});
