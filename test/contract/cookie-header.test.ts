/**
 * One reading of request Cookie headers for the server and the page. They used to disagree on a
 * pair without `=`: the server skipped it, the page took it for a nameless cookie.
 */
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { cookieNameOf, cookieValue, parseCookieHeader } from '../../sandbox/contract/cookie-header.ts';
import { readCookie, sandboxCookieHeader } from '../../sandbox/web/cookies.ts';
import { cookieValue as cookieValueOnPage } from '../../src/lib/inspector/cookies.ts';

/** A request with only a Cookie header: what the server's readers look at. */
const requestWith = (cookie: string) => ({ headers: { cookie } }) as Request;

describe('parseCookieHeader', () => {
  it('splits a header into pairs in order, values as written (no URL decoding, = inside kept)', () => {
    expect(parseCookieHeader('session=a=b; session.sig=c; name=%41da')).toEqual([
      { name: 'session', value: 'a=b' },
      { name: 'session.sig', value: 'c' },
      { name: 'name', value: '%41da' },
    ]);
  });

  it('keeps two cookies of the same name, both', () => {
    expect(parseCookieHeader('session=new; session=old')).toEqual([
      { name: 'session', value: 'new' },
      { name: 'session', value: 'old' },
    ]);
  });

  it('skips a pair without = and empty pairs, keeps a nameless one, trims around names and values', () => {
    expect(parseCookieHeader('junk; ;a=1;; =v;  b = 2 ')).toEqual([
      { name: 'a', value: '1' },
      { name: '', value: 'v' },
      { name: 'b', value: '2' },
    ]);
  });

  it('keeps quotes as written', () => {
    expect(parseCookieHeader('q="x"')).toEqual([{ name: 'q', value: '"x"' }]);
  });

  it('reads nothing from no header', () => {
    expect(parseCookieHeader(null)).toEqual([]);
    expect(parseCookieHeader(undefined)).toEqual([]);
    expect(parseCookieHeader('')).toEqual([]);
  });
});

describe('cookieValue and cookieNameOf', () => {
  it('takes the first cookie of a name, as Werkzeug does', () => {
    expect(cookieValue('session=new; session=old', 'session')).toBe('new');
    expect(cookieValue('other=1', 'session')).toBeUndefined();
    expect(cookieValue('session=', 'session')).toBe('');
  });

  it('names a pair, or nothing for a pair that is no cookie', () => {
    expect(cookieNameOf(' session.sig=abc')).toBe('session.sig');
    expect(cookieNameOf('session')).toBeUndefined();
  });
});

describe('the server and the page read the same header the same way', () => {
  const headers = [
    'session=abc.def.ghi',
    'session; theme=dark',
    'junk; session=abc',
    'session=first; session=second',
    '=nameless; session=x',
    'session.sig=s; session=v',
  ];

  it.each(headers)('%s', (header) => {
    expect(readCookie(requestWith(header), 'session')).toBe(cookieValueOnPage(header, 'session'));
  });

  it('a bare `session` is no session cookie for either, and the record does not keep it', () => {
    expect(readCookie(requestWith('session; theme=dark'), 'session')).toBeUndefined();
    expect(cookieValueOnPage('session; theme=dark', 'session')).toBeUndefined();
    expect(sandboxCookieHeader(requestWith('session; theme=dark'))).toBeNull();
  });

  it('the record keeps the sandbox cookies exactly as sent, in order', () => {
    expect(
      sandboxCookieHeader(requestWith('sessionid=x; session=a.b.c;  session.sig=s; sandbox_lab=l')),
    ).toBe('session=a.b.c; session.sig=s; sandbox_lab=l');
  });
});
