/**
 * The page's cut of real Flask's cookies is the server's: the same parts at the same places, the
 * same JSON, session and date (sandbox/cookie-tools/anatomy.ts is the reference), and no claim
 * about the signature beyond how Flask judged the cookie.
 */
import { describe, expect, it } from 'vitest';
import { anatomy } from '../../sandbox/cookie-tools/anatomy.ts';
import { anatomyView } from '../../sandbox/cookie-tools/anatomy-view.ts';
import { browserCookieAnatomy } from '../../src/lib/pyflask/cookie-anatomy.ts';

/** Real Flask 3.1.3's cookies for the handout's app, signed at 1796637600 (test/fixtures/browser-flask-exchanges.json). */
const storeAda = 'eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM';
const flashed =
  'eyJfZmxhc2hlcyI6W3siIHQiOlsibWVzc2FnZSIsIlNhdmVkIEFkYSJdfV0sImZpcnN0TmFtZSI6IkFkYSJ9.axaDoA.t75sgZjAYmrdkuJhpQ3nVQK8Xu0';
const longName = '.eJyrVkrLLCou8UvMTVWyUnIcBUQDpVoAK19RkA.axaDoA.J7o-8oib1W-TnnOylLmy9fuV51U';
const now = 1796637660;

/** An anatomy without the words that explain each part (the page words the signature for its app). */
const withoutMeaning = <T extends { segments: { meaning: string }[] }>(cut: T) => ({
  ...cut,
  segments: cut.segments.map(({ meaning: _meaning, ...rest }) => rest),
});

describe('browserCookieAnatomy', () => {
  it.each([
    ['a plain payload', storeAda],
    ["flash()'s tuple", flashed],
    ['a compressed payload', longName],
    ['a timestamp that is no date', 'eyJhIjoxfQ.!!!.l89n0EjvI11BQghapdV_kzw0sRM'],
    ['a short signature', 'eyJhIjoxfQ.axaDoA.abc'],
    ['too few parts', 'eyJhIjoxfQ.axaDoA'],
  ])('cuts %s as the server does', (_what, cookie) => {
    const server = anatomyView(anatomy(cookie, { now: () => now }));
    const page = browserCookieAnatomy(cookie, now);
    expect(withoutMeaning(page)).toMatchObject({
      ...withoutMeaning(server),
      ...(server.isFlaskCookie ? {} : { verdict: { kind: 'not-flask' } }),
    });
    expect(page.isFlaskCookie).toBe(server.isFlaskCookie);
  });

  it('decodes the parts: JSON, session, when it was signed and its age', () => {
    const cut = browserCookieAnatomy(longName, now);
    expect(cut.compressed).toBe(true);
    expect(cut.segments.map((s) => s.kind)).toEqual(['compressed-flag', 'payload', 'timestamp', 'signature']);
    expect(cut.value).toEqual({ firstName: 'A'.repeat(300) });
    expect(cut.signedAt).toBe(1796637600);
    expect(cut.ageSeconds).toBe(60);
    expect(cut.segments[2].meaning).toContain('signed at ');
  });

  it("says only what Flask reported: its verdict for the cookie it judged, else 'not checked'", () => {
    expect(browserCookieAnatomy(storeAda, now).verdict).toEqual({ kind: 'unverified' });
    expect(browserCookieAnatomy(storeAda, now, { status: 'valid', keyIndex: 0 }).verdict).toEqual({
      kind: 'valid',
      keyIndex: 0,
    });
    expect(browserCookieAnatomy(storeAda, now, { status: 'valid' }).verdict).toEqual({ kind: 'unverified' });
    expect(browserCookieAnatomy(storeAda, now, { status: 'expired' }).verdict).toEqual({ kind: 'expired' });
    expect(browserCookieAnatomy(storeAda, now, { status: 'none' }).verdict).toEqual({ kind: 'unverified' });
  });

  it('a payload that is not base64 JSON: the problem said, the verdict Flask gave', () => {
    const cut = browserCookieAnatomy('e$$$.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM', now, {
      status: 'bad-payload',
    });
    expect(cut.isFlaskCookie).toBe(true);
    expect(cut.value).toBeUndefined();
    expect(cut.payloadProblem).toBeTruthy();
    expect(cut.verdict).toEqual({ kind: 'bad-payload', reason: cut.payloadProblem });
  });
});
