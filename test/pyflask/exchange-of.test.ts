/**
 * The page's exchange record for real Flask's answers. The answers are real Flask 3.1.3's to the
 * handout's app (test/fixtures/browser-flask-exchanges.json, recorded by
 * test/python/record_browser_exchanges.py with the signing time frozen at 1796637600).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isExchange } from '../../src/lib/inspector/timeline.ts';
import { CookieJar } from '../../src/lib/pyflask/cookie-jar.ts';
import { actionOf, exchangeOf } from '../../src/lib/pyflask/exchange-of.ts';
import { sessionInCookie } from '../../src/lib/pyflask/session-in-cookie.ts';
import type { WsgiRequest, WsgiResponse } from '../../src/lib/pyflask/types.ts';

interface Recorded {
  request: { method: string; path: string; body: string; cookie: string | null };
  response: { status: number; headers: [string, string][] };
}

const recorded: Recorded[] = JSON.parse(
  readFileSync(new URL('../fixtures/browser-flask-exchanges.json', import.meta.url), 'utf8'),
);

const storeAda = 'eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM';
const flashed =
  'eyJfZmxhc2hlcyI6W3siIHQiOlsibWVzc2FnZSIsIlNhdmVkIEFkYSJdfV0sImZpcnN0TmFtZSI6IkFkYSJ9.axaDoA.t75sgZjAYmrdkuJhpQ3nVQK8Xu0';
const longName = '.eJyrVkrLLCou8UvMTVWyUnIcBUQDpVoAK19RkA.axaDoA.J7o-8oib1W-TnnOylLmy9fuV51U';

/** Replays the recorded requests through one jar, as the page does, and builds each record. */
function replay() {
  const jar = new CookieJar({ now: () => 1796637600000 });
  return recorded.map((entry, index) => {
    const url = `http://localhost${entry.request.path}`;
    const cookieSent = jar.cookieHeader(url);
    const request: WsgiRequest = {
      method: entry.request.method,
      path: entry.request.path,
      headers: cookieSent ? [['Cookie', cookieSent]] : [],
      ...(entry.request.body ? { body: entry.request.body } : {}),
    };
    const response: WsgiResponse = {
      status: entry.response.status,
      statusText: '',
      headers: entry.response.headers,
      body: '',
    };
    const setCookies = response.headers.filter(([k]) => k === 'Set-Cookie').map(([, v]) => v);
    const jarOutcomes = jar.receive(url, setCookies);
    return {
      sentAsFlaskGot: cookieSent === (entry.request.cookie ?? ''),
      exchange: exchangeOf({
        request,
        response,
        cookieSent,
        jarOutcomes,
        now: 1796637600000,
        id: `x${index}`,
      }),
    };
  });
}

describe('sessionInCookie: reading real Flask cookies in the page', () => {
  it('reads a plain payload', () => {
    expect(sessionInCookie(storeAda)).toEqual({ firstName: 'Ada' });
  });

  it("reads flash()'s tuple in the tag convention", () => {
    expect(sessionInCookie(flashed)).toEqual({
      _flashes: [{ $tuple: ['message', 'Saved Ada'] }],
      firstName: 'Ada',
    });
  });

  it("reads a '.'-prefixed zlib payload", () => {
    expect(sessionInCookie(longName)).toEqual({ firstName: 'A'.repeat(300) });
  });

  it('says undefined for what is not a Flask cookie', () => {
    expect(sessionInCookie('abc')).toBeUndefined();
    expect(sessionInCookie('!!!.axaDoA.sig')).toBeUndefined();
    expect(sessionInCookie('.bm90IHpsaWI.axaDoA.sig')).toBeUndefined();
    // `[1]` is JSON, but not a session (an object).
    expect(sessionInCookie('WzFd.axaDoA.sig')).toBeUndefined();
  });
});

describe('exchangeOf: real Flask 3.1.3 answers to the handout app', () => {
  const records = replay();
  const [show, store, showAfter, flash, showFlash, storeLong, permanent, clear] = records.map(
    (r) => r.exchange,
  );

  it('the jar sends exactly the Cookie header a browser sent Flask at each step', () => {
    expect(records.map((r) => r.sentAsFlaskGot)).toEqual([true, true, true, true, true, true, true, true]);
  });

  it('first GET /: nothing sent, nothing set', () => {
    expect(show).toEqual({
      id: 'x0',
      engine: 'browser-flask',
      at: 1796637600000,
      action: 'show',
      method: 'GET',
      path: '/',
      status: 200,
      requestCookie: null,
      setCookies: [],
      vary: 'Cookie',
      session: { status: 'none', before: {}, after: {} },
      cookieAfter: null,
      codeLines: [],
      summary:
        'Real Flask in your browser answered GET / with 200: the session did not change; no cookie was set, so the browser keeps what it had.',
    });
  });

  it('POST /store: the redirect, the Set-Cookie, firstName added', () => {
    expect(store).toEqual({
      id: 'x1',
      engine: 'browser-flask',
      at: 1796637600000,
      action: 'store',
      method: 'POST',
      path: '/store',
      status: 302,
      location: '/',
      requestCookie: null,
      setCookies: [`session=${storeAda}; HttpOnly; Path=/`],
      vary: 'Cookie',
      session: { status: 'none', before: {}, after: { firstName: 'Ada' } },
      cookieAfter: storeAda,
      // The cookie Flask just signed, cut and decoded; nobody checked its signature here.
      anatomy: expect.objectContaining({
        input: storeAda,
        isFlaskCookie: true,
        value: { firstName: 'Ada' },
        signedAt: 1796637600,
        verdict: { kind: 'unverified' },
      }),
      codeLines: [],
      summary:
        'Real Flask in your browser answered POST /store with 302 → /: the session changed (added firstName); the browser stored the new cookie.',
    });
    expect(isExchange(store)).toBe(true);
  });

  it('GET / after it: the cookie sent, read, kept', () => {
    expect(showAfter?.requestCookie).toBe(`session=${storeAda}`);
    expect(showAfter?.session).toEqual({
      status: 'valid',
      before: { firstName: 'Ada' },
      after: { firstName: 'Ada' },
    });
    expect(showAfter?.cookieAfter).toBe(storeAda);
  });

  it('flash and the page that shows it: _flashes comes and goes', () => {
    expect(flash?.action).toBe('flash');
    expect(flash?.session.after).toEqual({
      _flashes: [{ $tuple: ['message', 'Saved Ada'] }],
      firstName: 'Ada',
    });
    expect(showFlash?.session).toEqual({
      status: 'valid',
      before: { _flashes: [{ $tuple: ['message', 'Saved Ada'] }], firstName: 'Ada' },
      after: { firstName: 'Ada' },
    });
    expect(showFlash?.summary).toBe(
      'Real Flask in your browser answered GET / with 200: the session changed (removed _flashes); the browser stored the new cookie.',
    );
    expect(showFlash?.cookieAfter).toBe(storeAda);
  });

  it('a compressed cookie is read as well', () => {
    expect(storeLong?.session.after).toEqual({ firstName: 'A'.repeat(300) });
    expect(storeLong?.cookieAfter).toBe(longName);
  });

  it('permanent: _permanent added, the Expires date kept in the header', () => {
    expect(permanent?.action).toBe('permanent');
    expect(permanent?.session.after).toEqual({ _permanent: true, firstName: 'A'.repeat(300) });
    expect(permanent?.setCookies[0]).toMatch(
      /; Expires=Thu, 07 Jan 2027 \d\d:\d\d:\d\d GMT; HttpOnly; Path=\/$/,
    );
  });

  it('clear: the cookie deleted, the session empty', () => {
    expect(clear).toMatchObject({
      action: 'clear',
      status: 302,
      location: '/',
      setCookies: ['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/'],
      session: { status: 'valid', before: { _permanent: true, firstName: 'A'.repeat(300) }, after: {} },
      cookieAfter: null,
      summary:
        'Real Flask in your browser answered POST /clear with 302 → /: the session changed (removed _permanent, removed firstName); the browser deleted the cookie.',
    });
  });
});

describe('exchangeOf: what the page knows better, and what goes wrong', () => {
  const base = {
    request: { method: 'POST', path: '/store', headers: [] } as WsgiRequest,
    now: 1,
    id: 'y',
  };

  it('takes how Flask judged the cookie from the caller (after a key change: empty)', () => {
    const exchange = exchangeOf({
      ...base,
      request: { method: 'GET', path: '/', headers: [['Cookie', `session=${storeAda}`]] },
      response: { status: 200, statusText: 'OK', headers: [], body: '' },
      cookieSent: `session=${storeAda}`,
      jarOutcomes: [],
      opened: { status: 'bad-signature', before: {} },
    });
    expect(exchange.session).toEqual({ status: 'bad-signature', before: {}, after: {} });
    expect(exchange.cookieAfter).toBe(storeAda);
  });

  it("gives the cookie that came in Flask's verdict in its anatomy, and the key that signed it", () => {
    const judged = (opened: { status: 'valid' | 'bad-signature'; before: object; keyIndex?: number }) =>
      exchangeOf({
        ...base,
        request: { method: 'GET', path: '/', headers: [['Cookie', `session=${storeAda}`]] },
        response: { status: 200, statusText: 'OK', headers: [], body: '' },
        cookieSent: `session=${storeAda}`,
        jarOutcomes: [],
        opened: { ...opened, before: { firstName: 'Ada' } },
      });
    const fallback = judged({ status: 'valid', before: {}, keyIndex: 2 });
    expect(fallback.session).toEqual({
      status: 'valid',
      keyIndex: 2,
      before: { firstName: 'Ada' },
      after: { firstName: 'Ada' },
    });
    expect(fallback.anatomy?.verdict).toEqual({ kind: 'valid', keyIndex: 2 });
    expect(judged({ status: 'bad-signature', before: {} }).anatomy?.verdict).toEqual({
      kind: 'bad-signature',
    });
    // Valid, but the bridge did not say which key: the page claims nothing about the signature.
    expect(judged({ status: 'valid', before: {} }).anatomy?.verdict).toEqual({ kind: 'unverified' });
  });

  it('a cookie over 4 KB: the session as the app left it, the browser keeps the old cookie', () => {
    const big = `session=${'a'.repeat(4100)}.axaDoA.sig; HttpOnly; Path=/`;
    const exchange = exchangeOf({
      ...base,
      response: {
        status: 302,
        statusText: 'FOUND',
        headers: [
          ['Location', '/'],
          ['Set-Cookie', big],
        ],
        body: '',
      },
      cookieSent: `session=${storeAda}`,
      jarOutcomes: [{ kind: 'too-big', name: 'session', bytes: 4118 }],
    });
    expect(exchange.cookieAfter).toBe(storeAda);
    // Werkzeug 3.1.3's warning for this header, word for word (printed by its dump_cookie).
    expect(exchange.cookieWarning).toBe(
      "The 'session' cookie is too large: the value was 4111 bytes but the header required 26 extra bytes. The final size was 4137 bytes but the limit is 4093 bytes. Browsers may silently ignore cookies larger than this.",
    );
    expect(exchange.summary).toBe(
      'Real Flask in your browser answered POST /store with 302 → /: the session changed (removed firstName); the browser dropped the new cookie (4118 bytes, over 4 KB) and keeps its old one.',
    );
  });

  it('a deletion for a Path the browser holds no cookie at: its cookie stays', () => {
    const exchange = exchangeOf({
      ...base,
      request: { method: 'POST', path: '/logout', headers: [] },
      response: {
        status: 302,
        statusText: 'FOUND',
        headers: [['Set-Cookie', 'session=; Max-Age=0; Path=/members']],
        body: '',
      },
      cookieSent: `session=${storeAda}`,
      jarOutcomes: [{ kind: 'deleted', name: 'session', held: false }],
    });
    expect(exchange.cookieAfter).toBe(storeAda);
    expect(exchange.summary).toBe(
      'Real Flask in your browser answered POST /logout with 302: the session changed (removed firstName); the Set-Cookie deletes a cookie the browser does not hold (another Path?), so its cookie stays.',
    );
  });

  it('an exception in the learner code: the 500 and its message', () => {
    const exchange = exchangeOf({
      ...base,
      response: {
        status: 500,
        statusText: 'INTERNAL SERVER ERROR',
        headers: [],
        body: '',
        error: { kind: 'traceback', message: "NameError: name 'sesion' is not defined" },
      },
      cookieSent: '',
      jarOutcomes: [],
    });
    expect(exchange.summary).toBe(
      "Real Flask in your browser answered POST /store with 500 (NameError: name 'sesion' is not defined): the session did not change; no cookie was set, so the browser keeps what it had.",
    );
    expect(exchange.requestCookie).toBeNull();
  });

  it('a cookie the page cannot read is a bad payload', () => {
    const exchange = exchangeOf({
      ...base,
      response: { status: 200, statusText: 'OK', headers: [], body: '' },
      cookieSent: 'session=garbage',
      jarOutcomes: [],
    });
    expect(exchange.session.status).toBe('bad-payload');
  });
});

describe('actionOf', () => {
  it('names the handout routes as the server engine does, and the rest "other"', () => {
    expect(
      [
        ['GET', '/'],
        ['POST', '/store'],
        ['POST', '/store-second'],
        ['POST', '/flash'],
        ['POST', '/clear'],
        ['POST', '/permanent'],
        ['POST', '/login'],
        ['POST', '/logout'],
        ['GET', '/members'],
        ['POST', '/reset'],
      ].map(([method, path]) => actionOf(method as string, path as string, 302)),
    ).toEqual([
      'show',
      'store',
      'store-second',
      'flash',
      'clear',
      'permanent',
      'login',
      'logout',
      'members',
      'other',
    ]);
    expect(actionOf('POST', '/login', 401)).toBe('login-failed');
  });
});
