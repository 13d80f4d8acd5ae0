/**
 * The cookie tools at /sandbox/api as a script and a learner use them: every field of a decoding,
 * what is never cached, and the messages for a missing or unusable cookie.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { sandboxApp } from './app.ts';

const app = sandboxApp({ now: () => 1700000100 });
const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const decode = (form: Record<string, string>) =>
  request(app).post('/sandbox/api/decode').set('Accept', 'application/json').type('form').send(form);

describe('the decode tool', () => {
  it('answers every decoding field, the value in the display convention, and is never cached', async () => {
    const tuple = signSession({ t: ['a'] }, { secretKey: 'k', timestamp: 1700000000 }).replace(
      'eyJ0IjpbImEiXX0',
      'eyJ0Ijp7IiB0IjpbImEiXX19',
    );
    const res = await decode({ cookie: `  ${tuple}  ` });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.decoding).toEqual({
      decoded: true,
      isFlaskCookie: true,
      compressed: false,
      segments: expect.any(Array),
      json: '{"t":{" t":["a"]}}',
      value: { t: { $tuple: ['a'] } },
      signedAt: 1700000000,
      ageSeconds: 100,
      problem: null,
      problemWords: null,
    });
  });

  it('names the problem of a cookie it can only partly read, with nulls for what it could not', async () => {
    const res = await decode({ cookie: 'hello' });
    expect(res.body.decoding).toEqual({
      decoded: false,
      isFlaskCookie: false,
      compressed: false,
      segments: [],
      json: null,
      value: null,
      signedAt: null,
      ageSeconds: null,
      problem: {
        kind: 'not-flask',
        reason: "a Flask cookie has three parts separated by '.': payload.timestamp.signature",
      },
      problemWords: {
        ok: false,
        tone: 'bad',
        text: "Not a Flask session cookie: a Flask cookie has three parts separated by '.': payload.timestamp.signature",
      },
    });
  });

  it('heads a cookie it could not read "Could not decode", never "Decoded", on the page and in the API', async () => {
    const bomb = signSession({ x: 'a'.repeat(200_000) }, { secretKey: 'k', timestamp: 1700000000 });
    for (const cookie of ['hello', 'e30.x.y', '.eJzLSM3JyQcABiwCFQ.x.y', '!!!.ZVPxAA.sig', bomb]) {
      const json = await decode({ cookie });
      expect(json.status, cookie).toBe(200);
      expect(json.body.decoding.decoded, cookie).toBe(false);
      expect(json.body.decoding.problemWords.text, cookie).toBeTruthy();
      const page = await request(app).post('/sandbox/api/decode').type('form').send({ cookie });
      expect(page.text, cookie).toContain('<h2>Could not decode this cookie</h2>');
      expect(page.text, cookie).not.toMatch(/<h2>Decod/);
    }
    const good = await request(app).post('/sandbox/api/decode').type('form').send({ cookie: phill });
    expect(good.text).toContain('<h2>Decoded (no key needed)</h2>');
    expect(good.text).not.toContain('Could not decode');
  });

  it('asks for a cookie: a 400 for a script, the empty form for a learner', async () => {
    const json = await decode({ cookie: '   ' });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('Send a Flask session cookie in the "cookie" field.');
    const page = await request(app).post('/sandbox/api/decode').type('form').send({ secretKey: 'k' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<textarea id="cookie" name="cookie"');
    expect(page.text).not.toContain('No key given');
  });

  it('keeps the key a learner typed in the result page', async () => {
    const page = await request(app)
      .post('/sandbox/api/decode')
      .type('form')
      .send({ cookie: phill, secretKey: 'k<1>' });
    expect(page.text).toContain('value="k&lt;1&gt;"');
    const none = await request(app).post('/sandbox/api/decode').type('form').send({ cookie: phill });
    expect(none.text).toContain('id="secretKey" name="secretKey" value=""');
  });
});

describe('the guess tool', () => {
  it('trims the pasted cookie, finds the demo key and is never cached', async () => {
    const res = await request(app)
      .post('/sandbox/api/guess')
      .set('Accept', 'application/json')
      .type('form')
      .send({ cookie: ` ${phill}\n` });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ key: 'w98fw9ef8hwe98fhwef', candidates: expect.any(Number) });
    expect(res.body.tried).toBeGreaterThan(0);
  });
  it('asks for a cookie, and says why text that is not a Flask cookie cannot be guessed from', async () => {
    const guess = (cookie: string) =>
      request(app).post('/sandbox/api/guess').set('Accept', 'application/json').type('form').send({ cookie });
    const empty = await guess('  ');
    expect([empty.status, empty.body.error]).toEqual([
      400,
      'Paste a Flask session cookie (the part after "session=") to guess its key.',
    ]);
    const text = await guess('hello');
    expect([text.status, text.body.error]).toEqual([
      400,
      "That is not a Flask session cookie (a Flask cookie has three parts separated by '.': payload.timestamp.signature), so there is no signature to guess a key from.",
    ]);
  });
});

describe('the tamper lab', () => {
  it('trims the pasted value and says what a cookie value cannot hold', async () => {
    const tamper = (cookie: string) =>
      request(app)
        .post('/sandbox/flask/lab/tamper')
        .set('Accept', 'application/json')
        .type('form')
        .send({ cookie });
    const trimmed = await tamper(`  ${phill}  `);
    expect(trimmed.body.exchange.setCookies).toEqual([`session=${phill}; HttpOnly; Path=/sandbox/flask`]);
    expect((await tamper('   ')).body.error).toBe('Paste the cookie value (the part after "session=").');
    expect((await tamper('a"b')).body.error).toBe(
      'A cookie value cannot contain spaces, quotes, commas, semicolons, backslashes or non-ASCII characters.',
    );
  });
});
