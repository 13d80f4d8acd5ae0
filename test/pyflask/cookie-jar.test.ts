import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/lib/pyflask/cookie-jar.ts';

/** 2026-12-07 11:20:00 UTC, in Unix ms. */
const start = 1796642400000;
const app = 'http://localhost/';

function jarAt(time = start) {
  const clock = { now: time };
  return { clock, jar: new CookieJar({ now: () => clock.now }) };
}

describe('CookieJar: storing and sending', () => {
  it("stores Flask's session cookie and sends it back as a browser would", () => {
    const { jar } = jarAt();
    const outcome = jar.receive('http://localhost/store', [
      'session=eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM; HttpOnly; Path=/',
    ]);
    expect(outcome).toEqual([
      {
        kind: 'stored',
        name: 'session',
        value: 'eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM',
      },
    ]);
    expect(jar.cookieHeader(app)).toBe(
      'session=eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM',
    );
    expect(jar.cookies(app)).toEqual([
      {
        name: 'session',
        value: 'eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM',
        path: '/',
        httpOnly: true,
        secure: false,
      },
    ]);
  });

  it('sends nothing when it holds nothing', () => {
    expect(jarAt().jar.cookieHeader(app)).toBe('');
    expect(jarAt().jar.cookies(app)).toEqual([]);
  });

  it('replaces a cookie of the same name and path, and keeps one outcome per header in order', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, ['session=one; Path=/', 'theme=dark; Path=/', 'session=two; Path=/'])).toEqual([
      { kind: 'stored', name: 'session', value: 'one' },
      { kind: 'stored', name: 'theme', value: 'dark' },
      { kind: 'stored', name: 'session', value: 'two' },
    ]);
    expect(jar.cookieHeader(app)).toBe('session=two; theme=dark');
  });

  it('forgets everything on clear()', () => {
    const { jar } = jarAt();
    jar.receive(app, ['session=one; Path=/']);
    jar.clear();
    expect(jar.cookieHeader(app)).toBe('');
  });
});

describe('CookieJar: Path', () => {
  it('sends a cookie only under its Path, more specific paths first', () => {
    const { jar } = jarAt();
    jar.receive('http://localhost/members', ['area=members; Path=/members', 'session=s; Path=/']);
    expect(jar.cookieHeader('http://localhost/')).toBe('session=s');
    expect(jar.cookieHeader('http://localhost/membership')).toBe('session=s');
    expect(jar.cookieHeader('http://localhost/members')).toBe('area=members; session=s');
    expect(jar.cookieHeader('http://localhost/members/ada')).toBe('area=members; session=s');
  });

  it('without Path, takes the folder of the URL that set it', () => {
    const { jar } = jarAt();
    jar.receive('http://localhost/app/store', ['x=1']);
    expect(jar.cookieHeader('http://localhost/app/')).toBe('x=1');
    expect(jar.cookieHeader('http://localhost/')).toBe('');
    expect(jar.cookies('http://localhost/app/')[0]?.path).toBe('/app');
  });
});

describe('CookieJar: Max-Age and Expires', () => {
  it('keeps a Max-Age=300 cookie for 300 s from when it was set, then stops sending it', () => {
    const { clock, jar } = jarAt();
    expect(jar.receive(app, ['session=p; Max-Age=300; Path=/'])).toEqual([
      { kind: 'stored', name: 'session', value: 'p', expires: 1796642700000 },
    ]);
    clock.now = start + 299_000;
    expect(jar.cookieHeader(app)).toBe('session=p');
    // Reading it does not push the date back (a browser counts from when it was set).
    clock.now = start + 300_000;
    expect(jar.cookieHeader(app)).toBe('');
  });

  it("keeps an Expires cookie until that date (Flask's permanent session: 31 days)", () => {
    const { clock, jar } = jarAt();
    expect(jar.receive(app, ['session=p; Expires=Thu, 07 Jan 2027 11:20:00 GMT; HttpOnly; Path=/'])).toEqual([
      { kind: 'stored', name: 'session', value: 'p', expires: 1799320800000 },
    ]);
    clock.now = 1799320799000;
    expect(jar.cookieHeader(app)).toBe('session=p');
    clock.now = 1799320800000;
    expect(jar.cookieHeader(app)).toBe('');
  });

  it('lets Max-Age win over Expires when both are given', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, ['a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60; Path=/'])).toEqual([
      { kind: 'stored', name: 'a', value: '1', expires: 1796642460000 },
    ]);
  });
});

describe('CookieJar: deletion', () => {
  it("deletes the session on Flask's clear (Expires in 1970 and Max-Age=0)", () => {
    const { jar } = jarAt();
    jar.receive(app, ['session=abc; HttpOnly; Path=/']);
    expect(
      jar.receive(app, ['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/']),
    ).toEqual([{ kind: 'deleted', name: 'session', held: true }]);
    expect(jar.cookieHeader(app)).toBe('');
  });

  it("deletes on an Expires in the past alone (Express cookie-session's way)", () => {
    const { jar } = jarAt();
    jar.receive(app, ['session=abc; path=/']);
    expect(jar.receive(app, ['session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT'])).toEqual([
      { kind: 'deleted', name: 'session', held: true },
    ]);
    expect(jar.cookieHeader(app)).toBe('');
  });

  it('a deletion of a cookie it never held: nothing held, nothing forgotten', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, ['session=; Max-Age=0; Path=/'])).toEqual([
      { kind: 'deleted', name: 'session', held: false },
    ]);
  });

  it('a deletion of a cookie that had lapsed already: not held', () => {
    const { clock, jar } = jarAt();
    jar.receive(app, ['session=p; Max-Age=1; Path=/']);
    clock.now = start + 2000;
    expect(jar.receive(app, ['session=; Max-Age=0; Path=/'])).toEqual([
      { kind: 'deleted', name: 'session', held: false },
    ]);
  });

  it('a deletion for another Path leaves the cookie at / alone', () => {
    const { jar } = jarAt();
    jar.receive(app, ['session=abc; Path=/']);
    expect(jar.receive(app, ['session=; Max-Age=0; Path=/members'])).toEqual([
      { kind: 'deleted', name: 'session', held: false },
    ]);
    expect(jar.cookieHeader('http://localhost/members')).toBe('session=abc');
  });
});

describe('CookieJar: over 4 KB', () => {
  it('drops a cookie whose name and value pass 4096 bytes and keeps sending the older one', () => {
    const { jar } = jarAt();
    jar.receive(app, ['session=small; Path=/']);
    // 'session' (7) + 4090 = 4097 bytes.
    expect(jar.receive(app, [`session=${'a'.repeat(4090)}; HttpOnly; Path=/`])).toEqual([
      { kind: 'too-big', name: 'session', bytes: 4097 },
    ]);
    expect(jar.cookieHeader(app)).toBe('session=small');
  });

  it('keeps one of exactly 4096 bytes', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, [`session=${'a'.repeat(4089)}; Path=/`])[0]?.kind).toBe('stored');
  });

  it('counts bytes, not characters (é is two bytes in UTF-8)', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, [`n=${'é'.repeat(2048)}`])).toEqual([
      { kind: 'too-big', name: 'n', bytes: 4097 },
    ]);
  });
});

describe('CookieJar: rejected', () => {
  it('refuses a cookie for another domain, with the reason', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, ['d=4; Domain=example.com'])).toEqual([
      {
        kind: 'rejected',
        name: 'd',
        reason: "Cookie not in this host's domain. Cookie:example.com Request:localhost",
      },
    ]);
  });

  it('refuses a header that is no cookie', () => {
    const { jar } = jarAt();
    expect(jar.receive(app, ['junk'])).toEqual([
      { kind: 'rejected', name: '', reason: 'not a cookie header' },
    ]);
    expect(jar.cookieHeader(app)).toBe('');
  });
});
