/**
 * The lab: tamper, replay, change and rotate the key, which Flask to behave as, forge, weak key and
 * guessing, oversize, decode —
 * each acting only on the learner's own cookies, so two learners never see each other's settings.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { storeLines } from '../../sandbox/apps/app-source.ts';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { loadSession, signSession } from '../../sandbox/flask-session/index.ts';
import { WEAK_KEYS } from '../../sandbox/lab/weak-keys.ts';
import { defaultLab, encodeLab, parseLab } from '../../sandbox/lab-settings/lab-settings.ts';
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
    // ('a;b' is a pasted header now: its value 'a' is taken out, so it is not refused.)
    for (const cookie of ['', 'a b', 'a,b', 'session=', 'é', 'x'.repeat(5000)]) {
      const res = await agent.post('/sandbox/flask/lab/tamper').type('form').send({ cookie });
      expect([400, 413]).toContain(res.status);
    }
  });
});

describe('replay: sending an older cookie again', () => {
  it('an old cookie still works after session.clear(): the server keeps no record to revoke it', async () => {
    const agent = await learner();
    const [, stored] = await run(agent, '/sandbox/flask/lab/resign');
    const older = stored?.cookieAfter as string;
    const [clear, cleared] = await run(agent, '/sandbox/flask/clear');
    expect(clear?.cookieAfter).toBeNull();
    expect(cleared?.session.before).toEqual({});

    const [lab, page] = await run(agent, '/sandbox/flask/lab/replay', { cookie: older });
    expect(lab).toMatchObject({ action: 'lab', labAction: 'replay', codeLines: [], cookieAfter: older });
    expect(lab?.setCookies).toEqual([`session=${older}; HttpOnly; Path=/sandbox/flask`]);
    expect(lab?.summary).toContain('even after session.clear()');
    expect(lab?.summary).toContain('per-user session version');
    expect(lab?.summary).toContain('server-side sessions');
    expect(page?.session).toMatchObject({ status: 'valid', before: { firstName: 'Phill' } });
    expect(page?.templateBranch).toBe('if');
  });

  it('an older cookie signed with a key since replaced no longer verifies', async () => {
    const agent = await learner();
    const [, page] = await run(agent, '/sandbox/flask/lab/resign');
    const older = page?.cookieAfter as string;
    await run(agent, '/sandbox/flask/lab/key', { secretKey: 'a-new-key' });
    const [, replayed] = await run(agent, '/sandbox/flask/lab/replay', { cookie: older });
    expect(replayed?.session.status).toBe('bad-signature');
  });

  it('refuses a missing cookie or one a cookie cannot hold, with a 4xx and a message', async () => {
    const agent = await learner();
    for (const form of [{}, { cookie: '' }, { cookie: 'a"b' }, { cookie: 'x'.repeat(5000) }]) {
      const res = await agent.post('/sandbox/flask/lab/replay').type('form').send(form);
      expect([400, 413]).toContain(res.status);
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe('which Flask the sandbox behaves as', () => {
  it('is Flask 3.1 by default: Vary: Cookie on the first page, and the page says so', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/');
    expect(res.headers.vary).toBe('Cookie');
    expect(res.text).toContain('behaves as <strong>Flask 3.1</strong>');
  });

  it("2.2, the learner's choice, lives in their sealed lab cookie: no Vary on the first page", async () => {
    const agent = request.agent(sandboxApp());
    const [lab, page] = await run(agent, '/sandbox/flask/lab/flask-version', { version: '2.2' });
    expect(lab).toMatchObject({ action: 'lab', labAction: 'flask-version' });
    expect(lab?.summary).toContain('Flask 2.2');
    expect(lab?.setCookies[0]).toMatch(/^sandbox_lab=[\w-]+; Path=\/sandbox; HttpOnly; SameSite=Lax$/);
    expect(lab?.setCookies[0]).not.toContain('2.2');
    expect(page?.vary).toBeNull();
    const html = (await agent.get('/sandbox/flask/')).text;
    expect(html).toContain('behaves as <strong>Flask 2.2</strong>');
    expect(html).toContain('value="2.2" checked');
  });

  it('under 2.2 a rotation keeps the old key but Flask ignores it; back on 3.1 it verifies again', async () => {
    const agent = await learner();
    await run(agent, '/sandbox/flask/lab/flask-version', { version: '2.2' });
    const [rotate, page] = await run(agent, '/sandbox/flask/lab/key', {
      secretKey: 'a-new-key',
      mode: 'rotate',
    });
    expect(rotate?.summary).toContain('no SECRET_KEY_FALLBACKS');
    expect(page?.session.status).toBe('bad-signature');
    expect(page?.anatomy?.verdict).toEqual({ kind: 'bad-signature' });
    // Changing the key kept the version; switching back keeps the keys.
    const [, again] = await run(agent, '/sandbox/flask/lab/flask-version', { version: '3.1' });
    expect(again?.session).toMatchObject({ status: 'valid', keyIndex: 1, before: { firstName: 'Phill' } });
  });

  it('back to 3.1 with the default keys deletes the lab cookie; an unknown version is a 400', async () => {
    const agent = request.agent(sandboxApp());
    await run(agent, '/sandbox/flask/lab/flask-version', { version: '2.2' });
    const [lab] = await run(agent, '/sandbox/flask/lab/flask-version', { version: '3.1' });
    expect(lab?.setCookies[0]).toMatch(/^sandbox_lab=; Path=\/sandbox; Expires=Thu, 01 Jan 1970/);
    for (const form of [{ version: '3.0' }, { version: '' }, {}]) {
      const res = await agent.post('/sandbox/flask/lab/flask-version').type('form').send(form);
      expect(res.status).toBe(400);
    }
  });

  it('reads only a version it knows from the sealed cookie', () => {
    const secret = 'test-server-secret';
    const sealed = (flaskVersion: unknown) =>
      encodeLab({ key: 'k', fallbacks: [], flaskVersion } as Parameters<typeof encodeLab>[0], secret);
    expect(parseLab(sealed('2.2'), demoKey, secret).flaskVersion).toBe('2.2');
    expect(parseLab(sealed('9.9'), demoKey, secret).flaskVersion).toBe('3.1');
    expect(parseLab(sealed('2.2'), demoKey, 'another-secret')).toEqual(defaultLab(demoKey));
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

  it('signs an empty session too, so a learner who stored nothing still gets a cookie to attack', async () => {
    const agent = request.agent(sandboxApp());
    const [lab, page] = await run(agent, '/sandbox/flask/lab/weak-key');
    const cookie = lab?.cookieAfter as string;
    expect(cookie).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const guess = await agent
      .post('/sandbox/api/guess')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie });
    expect(WEAK_KEYS).toContain(guess.body.key);
    expect(loadSession(cookie, { secretKey: guess.body.key })).toEqual({});
    // The app opens it as a valid (empty) session with the learner's new key.
    expect(page?.session.status).toBe('valid');
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
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie, secretKey: demoKey });
    expect(keyed.body.verifying).toEqual({
      checked: true,
      verdict: { kind: 'valid', keyIndex: 0 },
      words: { ok: true, tone: 'ok', text: 'Verifies with the current key.' },
    });
    // A key in the address would end up in logs and history: refused, nothing decoded.
    const inUrl = await request(app)
      .get('/sandbox/api/decode')
      .query({ cookie, secretKey: demoKey })
      .set('Accept', 'application/json');
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.error).toMatch(/POST/);
    expect(inUrl.body.verifying).toBeUndefined();
    const wrong = await request(app)
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie, secretKey: 'nope' });
    expect(wrong.body.verifying.verdict).toEqual({ kind: 'bad-signature' });
    expect(wrong.body.decoding.value).toEqual({ firstName: 'Phill' });
  });

  it('the page without JavaScript says the verdict in the same words as the inspector and the CLI', async () => {
    const app = sandboxApp({ now: () => 1700000100 });
    const wrong = await request(app)
      .post('/sandbox/api/decode')
      .type('form')
      .send({ cookie, secretKey: 'nope' });
    expect(wrong.text).toContain('Bad signature: this key did not sign it, or the cookie was changed.');
    const right = await request(app)
      .post('/sandbox/api/decode')
      .type('form')
      .send({ cookie, secretKey: demoKey });
    expect(right.text).toContain('<p class="ok">Verifies with the current key.</p>');
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
