import { describe, expect, it } from 'vitest';
import { anatomy, describeVerdict } from '../../sandbox/cookie-tools/index.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { deflate } from '../../sandbox/flask-session/zlib.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const emoji =
  '.eJyrVsrNz09RslKKKU2xME4BkqkGBmB2MpBMs7CEiyebpCDE01KUagFPMhQT.ZVPxAA.bdfDbP8kJmxJHktd7NL0R7pTrPk';
const now = () => 1700000100;

describe('anatomy', () => {
  it('cuts a cookie into payload, timestamp and signature with their ranges', () => {
    const a = anatomy(phill, { now });
    expect(a.segments.map(({ kind, start, end, text }) => ({ kind, start, end, text }))).toEqual([
      { kind: 'payload', start: 0, end: 28, text: 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9' },
      { kind: 'timestamp', start: 29, end: 35, text: 'ZVPxAA' },
      { kind: 'signature', start: 36, end: 63, text: 'iGXXNMA9cMfVC_v__95pMc0OtTY' },
    ]);
    expect(a).toMatchObject({
      isFlaskCookie: true,
      compressed: false,
      json: '{"firstName":"Phill"}',
      value: { firstName: 'Phill' },
      signedAt: 1700000000,
      ageSeconds: 100,
      verdict: { kind: 'unverified' },
    });
  });
  it('shows the compressed flag as its own segment', () => {
    const a = anatomy(emoji, { now });
    expect(a.compressed).toBe(true);
    expect(a.segments[0]).toMatchObject({ kind: 'compressed-flag', start: 0, end: 1, text: '.' });
    expect(a.value).toEqual({ mood: '😀🎉👍🏽' });
  });
  it('verifies with a key and names the key that matched', () => {
    expect(anatomy(phill, { secretKey: 'w98fw9ef8hwe98fhwef', now }).verdict).toEqual({
      kind: 'valid',
      keyIndex: 0,
    });
    expect(anatomy(phill, { secretKey: 'x', fallbackKeys: ['w98fw9ef8hwe98fhwef'], now }).verdict).toEqual({
      kind: 'valid',
      keyIndex: 1,
    });
  });
  it('still decodes the payload when the signature is wrong: signed is not encrypted', () => {
    const a = anatomy(phill, { secretKey: 'wrong', now });
    expect(a.verdict).toEqual({ kind: 'bad-signature' });
    expect(a.value).toEqual({ firstName: 'Phill' });
  });
  it("says expired past the age limit (Flask's 31 days by default)", () => {
    expect(anatomy(phill, { secretKey: 'w98fw9ef8hwe98fhwef', now: () => 1702678401 }).verdict).toEqual({
      kind: 'expired',
    });
  });
  it('says bad payload with a reason', () => {
    const a = anatomy('e25vdCBqc29u.ZVPxAA.QFAqtI4DxzgekC2142ibOP8JblA', { now });
    expect(a.verdict).toEqual({
      kind: 'bad-payload',
      reason: expect.stringMatching(
        /^Could not load the payload because an exception occurred on unserializing the data: ./,
      ),
    });
    expect(a.json).toBe('{not json');
  });
  it('says not a Flask cookie, and why', () => {
    expect(anatomy('hello').verdict).toMatchObject({ kind: 'not-flask' });
    expect(anatomy(`session=${phill}`).verdict).toMatchObject({
      kind: 'not-flask',
      reason: expect.stringContaining('session='),
    });
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(anatomy(jwt).verdict).toMatchObject({ kind: 'not-flask' });
  });
  it('reads a value that is not a string as its text', () => {
    expect(anatomy(undefined as unknown as string)).toMatchObject({
      input: 'undefined',
      isFlaskCookie: false,
      verdict: { kind: 'not-flask', reason: expect.stringContaining('three parts') },
    });
  });
  it('says an empty signature is not 20 bytes, after cutting the dots into parts', () => {
    const a = anatomy('.'.repeat(10));
    expect(a.verdict).toEqual({
      kind: 'not-flask',
      reason: 'the signature is not 20 bytes, so it is not a Flask (HMAC-SHA1) signature',
    });
    expect(a.segments.map(({ kind, start, end }) => [kind, start, end])).toEqual([
      ['compressed-flag', 0, 1],
      ['payload', 1, 8],
      ['timestamp', 9, 9],
      ['signature', 10, 10],
    ]);
  });
});

describe('anatomy of a zlib bomb', () => {
  it('says the payload inflates past 64 KB and keeps no decoded value', () => {
    const bomb = Buffer.from(deflate(new Uint8Array(12 * 1024 * 1024).fill(0x20))).toString('base64url');
    const signed = signSession({}, { secretKey: 'k', timestamp: 1700000000 });
    const cookie = `.${bomb}.${signed.split('.').slice(1).join('.')}`;
    const result = anatomy(cookie, { now: () => 1700000000 });
    expect(result.verdict).toEqual({
      kind: 'bad-payload',
      reason: 'the payload inflates past 64 KB; Session Lab does not open it',
    });
    expect(result.json).toBeUndefined();
    expect(result.value).toBeUndefined();
  });
});

describe('describeVerdict: one vocabulary for CLI, inspector, summaries and the decode tool', () => {
  it('has words for every kind, good news only for a valid cookie', () => {
    const verdicts = [
      { kind: 'valid', keyIndex: 0 },
      { kind: 'valid', keyIndex: 2 },
      { kind: 'unverified' },
      { kind: 'bad-signature' },
      { kind: 'expired' },
      { kind: 'bad-payload', reason: 'not JSON' },
      { kind: 'not-flask', reason: 'no dots' },
    ] as const;
    const said = verdicts.map((v) => describeVerdict(v));
    expect(said.map((w) => w.ok)).toEqual([true, true, undefined, false, false, false, false]);
    expect(said[1]?.text).toContain('fallback key 2');
    expect(said[5]?.text).toMatch(/payload cannot be read: not JSON$/);
    expect(said[6]?.text).toBe('Not a Flask session cookie: no dots');
    expect(describeVerdict({ kind: 'bad-payload' }).text).toBe(
      'Signature is valid but the payload cannot be read.',
    );
  });
  it('the CLI and the summaries use the same words', async () => {
    const { summarize } = await import('../../sandbox/recorder/summary.ts');
    const { verdictText } = await import('../../src/lib/inspector/format.ts');
    const bad = describeVerdict({ kind: 'bad-signature' }).text;
    expect(verdictText({ kind: 'bad-signature' }).text).toBe(bad);
    const facts: Parameters<typeof summarize>[0] = {
      engine: 'flask',
      action: 'show',
      method: 'GET',
      path: '/sandbox/flask/',
      status: 200,
      requestCookie: 'session=x',
      setCookies: [],
      vary: 'Cookie',
      session: { status: 'bad-signature', before: {}, after: {} },
      cookieAfter: 'x',
      codeLines: [],
      templateBranch: 'else',
    };
    expect(summarize(facts, false)).toMatch(
      new RegExp(`^${bad.replace(/[.()]/g, '\\$&')} So the app got an empty session\\.`),
    );
  });
});
