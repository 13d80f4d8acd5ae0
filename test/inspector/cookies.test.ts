import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deletesCookie,
  deletionNote,
  droppedCookieNote,
  exchangeDeletionNote,
  parseCookieHeader,
  parseSetCookie,
  setCookiesNamed,
} from '../../src/lib/inspector/cookies.ts';
import { root, sourceFiles } from '../helpers/imports.ts';
import { exchange } from './exchange-fixture.ts';

describe('parseSetCookie', () => {
  it('splits name, value and attributes, whatever the case of attribute names', () => {
    expect(parseSetCookie('session=a.b.c; HttpOnly; Path=/sandbox/flask')).toEqual({
      name: 'session',
      value: 'a.b.c',
      httpOnly: true,
      path: '/sandbox/flask',
    });
    expect(parseSetCookie('session=a; path=/sandbox/express; httponly')).toMatchObject({
      httpOnly: true,
      path: '/sandbox/express',
    });
  });
  it('keeps = signs and percent signs inside the value as written, and reads the Expires date', () => {
    const cookie = parseSetCookie('session=.eJw=x%41; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0');
    expect(cookie.value).toBe('.eJw=x%41');
    expect(cookie.expires?.getTime()).toBe(0);
    expect(cookie.maxAge).toBe(0);
  });
  it('reads an empty value', () => {
    expect(parseSetCookie('session=; Path=/')).toMatchObject({ name: 'session', value: '' });
  });
});

describe('deletesCookie', () => {
  it('is true for Max-Age=0 or an Expires in the past', () => {
    expect(deletesCookie(parseSetCookie('session=; Max-Age=0'))).toBe(true);
    expect(deletesCookie(parseSetCookie('session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'))).toBe(true);
  });
  it('lets Max-Age win over Expires, as browsers do', () => {
    expect(deletesCookie(parseSetCookie('s=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60'))).toBe(
      false,
    );
    expect(deletesCookie(parseSetCookie('s=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=-1'))).toBe(
      true,
    );
  });
  it('is false for a session cookie or a future Expires', () => {
    expect(deletesCookie(parseSetCookie('session=x; HttpOnly'))).toBe(false);
    expect(deletesCookie(parseSetCookie('session=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT'))).toBe(false);
  });
});

describe('deletionNote', () => {
  it('says a deletion at the held path deletes the cookie', () => {
    const cookie = parseSetCookie(
      'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/sandbox/flask',
    );
    expect(deletionNote(cookie, '/sandbox/flask')).toBe('deletes the cookie');
  });
  it('says a deletion at another path leaves the held cookie in place', () => {
    const cookie = parseSetCookie('session.sig=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly');
    expect(deletionNote(cookie, '/sandbox/express')).toBe(
      'expires a cookie at Path=/, not the one held at Path=/sandbox/express, which stays',
    );
  });
  it('is undefined for a cookie that is set, not deleted', () => {
    expect(deletionNote(parseSetCookie('session=x; Path=/sandbox/flask'), '/sandbox/flask')).toBeUndefined();
  });
});

describe('setCookiesNamed', () => {
  it('keeps only the cookies with that exact name', () => {
    const headers = ['session=a; path=/', 'session.sig=b; path=/'];
    expect(setCookiesNamed(headers, 'session').map((c) => c.value)).toEqual(['a']);
    expect(setCookiesNamed(headers, 'session.sig').map((c) => c.value)).toEqual(['b']);
  });
});

describe('parseCookieHeader', () => {
  it('splits a Cookie header into pairs', () => {
    expect(parseCookieHeader('session=a=b; session.sig=c')).toEqual([
      { name: 'session', value: 'a=b' },
      { name: 'session.sig', value: 'c' },
    ]);
  });
  it('returns an empty list for no header', () => {
    expect(parseCookieHeader(null)).toEqual([]);
    expect(parseCookieHeader('')).toEqual([]);
  });
});

describe('droppedCookieNote', () => {
  it('is the one place the page says a cookie over 4 KB is dropped', () => {
    expect(droppedCookieNote).toBe('the cookie the server tried to set (the browser drops it: over 4 KB)');
    const spelledOut = sourceFiles('src/scripts').filter((file) =>
      readFileSync(join(root, file), 'utf8').includes('browser drops it'),
    );
    expect(spelledOut).toEqual([]);
  });
});

describe('exchangeDeletionNote', () => {
  const clear = parseSetCookie(
    'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/',
  );

  it("for the server's engines, compares with the Path they hold their cookie at", () => {
    expect(exchangeDeletionNote(exchange(), clear, '/sandbox/flask')).toBe(
      'expires a cookie at Path=/, not the one held at Path=/sandbox/flask, which stays',
    );
    expect(
      exchangeDeletionNote(
        exchange(),
        parseSetCookie('session=; Max-Age=0; Path=/sandbox/flask'),
        '/sandbox/flask',
      ),
    ).toBe('deletes the cookie');
  });

  it("for real Flask in the browser, says what the page's jar did", () => {
    const deleted = exchange({ engine: 'browser-flask', path: '/clear', cookieAfter: null });
    expect(exchangeDeletionNote(deleted, clear, '/sandbox/browser-flask')).toBe('deletes the cookie');
    const kept = exchange({ engine: 'browser-flask', path: '/logout', cookieAfter: 'eyJ.a.b' });
    expect(exchangeDeletionNote(kept, parseSetCookie('session=; Max-Age=0; Path=/members'), '/x')).toBe(
      'expires a cookie at Path=/members, not the one the browser holds, which stays',
    );
    expect(exchangeDeletionNote(kept, parseSetCookie('session=new.a.b; Path=/'), '/x')).toBeUndefined();
  });
});
