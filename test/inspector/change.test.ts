import { describe, expect, it } from 'vitest';
import { pastedCookieValue as pastedOnServer } from '../../sandbox/lab/cookie-input.ts';
import { changeView, experimentVerdict, lastAction } from '../../src/lib/inspector/change.ts';
import { pastedCookieValue as pastedOnPage } from '../../src/lib/inspector/cookies.ts';
import { exchange, flaskCookie } from './exchange-fixture.ts';

const setCookie = `session=${flaskCookie}; HttpOnly; Path=/sandbox/flask`;
const anatomy = {
  input: flaskCookie,
  isFlaskCookie: true,
  compressed: false,
  segments: [],
  verdict: { kind: 'valid', keyIndex: 0 },
} as unknown as Exchange['anatomy'];
type Exchange = import('../../src/lib/inspector/types.ts').Exchange;

function storeThenShow() {
  const post = exchange({
    method: 'POST',
    path: '/sandbox/flask/store',
    action: 'store',
    status: 302,
    setCookies: [setCookie],
    cookieAfter: flaskCookie,
    anatomy,
    session: { status: 'none', before: {}, after: { firstName: 'Ada' } },
  });
  const get = exchange({
    requestCookie: `session=${flaskCookie}`,
    cookieAfter: flaskCookie,
    anatomy,
    session: { status: 'valid', keyIndex: 0, before: { firstName: 'Ada' }, after: { firstName: 'Ada' } },
  });
  return [exchange(), post, get];
}

describe('lastAction', () => {
  it('groups a POST with the GET it redirected to', () => {
    const timeline = storeThenShow();
    expect(lastAction(timeline, 'flask').map((e) => e.method)).toEqual(['POST', 'GET']);
  });
  it('is one GET on its own when nothing was posted', () => {
    expect(lastAction([exchange(), exchange()], 'flask')).toHaveLength(1);
  });
  it('is empty for an engine with no exchanges', () => {
    expect(lastAction([exchange()], 'express')).toEqual([]);
  });
});

describe('changeView', () => {
  it('shows a store as one action: its Set-Cookie, old → new, the diff and "signed with the key in force"', () => {
    const view = changeView(storeThenShow(), 'flask');
    expect(view?.title).toBe('POST /store → 302, then GET / → 200');
    expect(view?.setCookie).toBe(setCookie);
    expect(view?.oldValue).toBeNull();
    expect(view?.newValue).toBe(flaskCookie);
    expect(view?.anatomy?.input).toBe(flaskCookie);
    expect(view?.diff).toEqual([{ key: 'firstName', kind: 'added', after: 'Ada' }]);
    expect(view?.verdict).toEqual({ tone: 'ok', text: 'Signed with the key in force.' });
    expect(view?.passing).toEqual([]);
  });

  it('keeps what the POST did and the GET undid: a flashed message added, then read and gone', () => {
    const flashes = [{ $tuple: ['message', 'Saved!'] }];
    const post = exchange({
      method: 'POST',
      path: '/sandbox/flask/flash',
      action: 'flash',
      status: 302,
      setCookies: [setCookie],
      session: { status: 'none', before: {}, after: { _flashes: flashes } },
    });
    const get = exchange({
      requestCookie: `session=${flaskCookie}`,
      session: { status: 'valid', before: { _flashes: flashes }, after: {} },
    });
    const view = changeView([exchange(), post, get], 'flask');
    expect(view?.diff).toEqual([]);
    expect(view?.passing).toEqual([{ key: '_flashes', kind: 'added', after: flashes }]);
  });

  it('says "bad signature → empty session" when the GET after a tamper was judged bad', () => {
    const [, post, get] = storeThenShow();
    const tamper = exchange({
      method: 'POST',
      path: '/sandbox/flask/lab/tamper',
      action: 'lab',
      status: 200,
      requestCookie: `session=${flaskCookie}`,
      setCookies: ['session=XeJ.a.b; HttpOnly; Path=/sandbox/flask'],
      session: { status: 'valid', before: { firstName: 'Ada' }, after: { firstName: 'Ada' } },
    });
    const after = exchange({
      requestCookie: 'session=XeJ.a.b',
      session: { status: 'bad-signature', before: {}, after: {} },
    });
    const view = changeView([post, get, tamper, after], 'flask');
    expect(view?.verdict.tone).toBe('bad');
    expect(view?.verdict.text).toMatch(/^Bad signature → empty session/);
    expect(view?.oldValue).toBe(flaskCookie);
    expect(view?.newValue).toBe('XeJ.a.b');
    expect(view?.diff).toEqual([{ key: 'firstName', kind: 'removed', before: 'Ada' }]);
  });

  it('says "cookie deleted: Max-Age=0" after Start over', () => {
    const [, post, get] = storeThenShow();
    const clear = exchange({
      method: 'POST',
      path: '/sandbox/flask/clear',
      action: 'clear',
      status: 302,
      requestCookie: `session=${flaskCookie}`,
      setCookies: [
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
      ],
      session: { status: 'valid', before: { firstName: 'Ada' }, after: {} },
    });
    const view = changeView([post, get, clear, exchange()], 'flask');
    expect(view?.verdict.text).toMatch(/^Cookie deleted: Max-Age=0/);
    expect(view?.newValue).toBeNull();
  });

  it('shows Express cookie-session’s second cookie, session.sig, where its signature travels', () => {
    const post = exchange({
      engine: 'express',
      method: 'POST',
      path: '/sandbox/express/store',
      status: 302,
      setCookies: [
        'session=eyJ9; path=/sandbox/express; httponly',
        'session.sig=abc; path=/sandbox/express; httponly',
      ],
      session: { status: 'none', before: {}, after: { firstName: 'Phill' } },
    });
    const view = changeView([post, exchange({ engine: 'express', path: '/sandbox/express/' })], 'express');
    expect(view?.setCookie).toMatch(/^session=eyJ9;/);
    expect(view?.signatureCookie).toMatch(/^session\.sig=abc;/);
    expect(view?.verdict.text).toMatch(/signature travels in session\.sig/);
  });

  it('says the browser drops a cookie over 4 KB', () => {
    const big = exchange({ method: 'POST', status: 302, cookieWarning: 'The "session" cookie is too large' });
    expect(changeView([big, exchange()], 'flask')?.verdict.text).toMatch(/^Over 4 KB/);
    expect(changeView([big, exchange()], 'flask')?.dropped).toBe(true);
  });

  it("real Flask in the browser: the page's jar decides, by its own 4096-byte rule", () => {
    const inBrowser = (value: string) =>
      changeView(
        [
          exchange({
            engine: 'browser-flask',
            method: 'POST',
            path: '/store',
            status: 302,
            setCookies: [`session=${value}; HttpOnly; Path=/`],
            // Werkzeug warns past 4093 bytes of header, before the jar drops anything.
            cookieWarning: "The 'session' cookie is too large",
          }),
        ],
        'browser-flask',
      );
    const dropped = inBrowser('a'.repeat(4090));
    expect(dropped?.dropped).toBe(true);
    expect(dropped?.verdict.text).toMatch(/^Over 4 KB/);
    const kept = inBrowser('a'.repeat(4089));
    expect(kept?.dropped).toBe(false);
    expect(kept?.verdict.text).not.toMatch(/Over 4 KB/);
  });
});

describe('pastedCookieValue (page and server agree)', () => {
  const cases: [string, string][] = [
    ['eyJ.a.b', 'eyJ.a.b'],
    ['  eyJ.a.b \n', 'eyJ.a.b'],
    ['session=eyJ.a.b', 'eyJ.a.b'],
    ['session=eyJ.a.b; HttpOnly; Path=/', 'eyJ.a.b'],
    ['Set-Cookie: session=.eJw.a.b; HttpOnly; Path=/sandbox/flask', '.eJw.a.b'],
    ['Cookie: sandbox_lab=xyz; session=eyJ.a.b', 'eyJ.a.b'],
    ['eyJ.a.b; HttpOnly', 'eyJ.a.b'],
  ];
  it.each(cases)('takes the value out of %j', (pasted, value) => {
    expect(pastedOnPage(pasted)).toBe(value);
    expect(pastedOnServer(pasted)).toBe(value);
  });
});

describe('experimentVerdict', () => {
  const replayed = (status: 'valid' | 'bad-signature') =>
    changeView([exchange({ action: 'lab', labAction: 'replay', session: { status } })], 'flask');

  it('a replayed cookie that verifies: accepted, the lesson (signed is not fresh)', () => {
    expect(experimentVerdict('replay', replayed('valid'))).toEqual({
      tone: 'ok',
      text: 'Old cookie accepted: its signature still verifies, so the old session is back. Signed is not fresh.',
    });
  });

  it("a replay that does not verify, or any other experiment: the strip's own verdict", () => {
    const refused = replayed('bad-signature');
    expect(experimentVerdict('replay', refused)).toBe(refused?.verdict);
    const valid = replayed('valid');
    expect(experimentVerdict('tamper', valid)).toBe(valid?.verdict);
    expect(experimentVerdict(undefined, valid)).toBe(valid?.verdict);
  });

  it('nothing to say before the app answered', () => {
    expect(experimentVerdict('replay', undefined)).toBeUndefined();
  });
});
