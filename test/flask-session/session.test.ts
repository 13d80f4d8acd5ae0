import { describe, expect, it } from 'vitest';
import {
  type FlaskSessionConfig,
  openSession,
  SessionState,
  saveSession,
  signSession,
} from '../../sandbox/flask-session/index.ts';

const secretKey = 'w98fw9ef8hwe98fhwef';
const now = () => 1700000000;
const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';

describe('openSession', () => {
  it('gives an empty session with status none when there is no cookie', () => {
    expect(openSession(undefined, { secretKey, now })).toEqual({ data: {}, status: 'none' });
    expect(openSession('', { secretKey, now })).toEqual({ data: {}, status: 'none' });
  });
  it('loads a valid cookie and reports the key and signing time', () => {
    expect(openSession(phill, { secretKey, now })).toEqual({
      data: { firstName: 'Phill' },
      status: 'valid',
      keyIndex: 0,
      signedAt: 1700000000,
    });
  });
  it('accepts a cookie signed with a fallback key', () => {
    expect(openSession(phill, { secretKey: 'new', fallbackKeys: [secretKey], now }).keyIndex).toBe(1);
    const config: FlaskSessionConfig = {
      secretKey: 'new',
      fallbackKeys: [secretKey],
      now,
      flaskVersion: '3.1',
    };
    expect(openSession(phill, config).status).toBe('valid');
  });
  it('as Flask 2.2, ignores fallback keys silently (it has no SECRET_KEY_FALLBACKS)', () => {
    const config: FlaskSessionConfig = {
      secretKey: 'new',
      fallbackKeys: [secretKey],
      now,
      flaskVersion: '2.2',
    };
    expect(openSession(phill, config)).toEqual({ data: {}, status: 'bad-signature' });
    expect(openSession(phill, { ...config, secretKey }).status).toBe('valid');
  });
  it("counts `'x' in session` as an access from Flask 3.1 (the default), not in 2.2", () => {
    for (const [version, accessed] of [
      [undefined, true],
      ['3.1', true],
      ['2.2', false],
    ] as const) {
      const session = new SessionState({ firstName: 'Ada' }, version);
      expect(session.has('firstName')).toBe(true);
      expect(session.accessed).toBe(accessed);
    }
  });
  it('silently starts over on a bad signature', () => {
    expect(openSession(phill.replace('iGXX', 'AGXX'), { secretKey, now })).toEqual({
      data: {},
      status: 'bad-signature',
    });
    expect(openSession('garbage', { secretKey, now }).status).toBe('bad-signature');
  });
  it("expires cookies older than Flask's 31 days by default", () => {
    expect(openSession(phill, { secretKey, now: () => 1700000000 + 2678400 }).status).toBe('valid');
    expect(openSession(phill, { secretKey, now: () => 1700000000 + 2678401 }).status).toBe('expired');
    expect(openSession(phill, { secretKey, maxAge: 60, now: () => 1700000061 }).status).toBe('expired');
  });
  it('reports a correctly signed bad payload as bad-payload with an empty session', () => {
    const badJson = 'e25vdCBqc29u.ZVPxAA.QFAqtI4DxzgekC2142ibOP8JblA';
    expect(openSession(badJson, { secretKey, now })).toEqual({ data: {}, status: 'bad-payload' });
  });
  it('throws a setup error without a secret key', () => {
    expect(() => openSession(phill, { secretKey: '' })).toThrow(/secret key/);
  });
});

describe('saveSession', () => {
  const config = { secretKey, now };
  it('sets the signed cookie with HttpOnly and Path=/ when the session changed', () => {
    expect(saveSession({ data: { firstName: 'Phill' }, modified: true, accessed: true }, config)).toEqual({
      setCookie: `session=${phill}; HttpOnly; Path=/`,
      vary: true,
    });
  });
  it('sets no cookie for an unchanged, non-permanent session, but varies when it was read', () => {
    expect(saveSession({ data: { a: 1 }, modified: false, accessed: true }, config)).toEqual({
      setCookie: null,
      vary: true,
    });
    expect(saveSession({ data: {}, modified: false, accessed: false }, config)).toEqual({
      setCookie: null,
      vary: false,
    });
  });
  it('deletes the cookie when the session was emptied', () => {
    expect(saveSession({ data: {}, modified: true, accessed: true }, config)).toEqual({
      setCookie: 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/',
      vary: true,
    });
  });
  it('gives a permanent session Expires = now + 31 days and re-sets it on every request', () => {
    const data = { _permanent: true, a: 'b' };
    const result = saveSession({ data, modified: false, accessed: false }, config);
    expect(result.setCookie).toBe(
      `session=${signSession(data, { secretKey, timestamp: 1700000000 })}; Expires=Fri, 15 Dec 2023 22:13:20 GMT; HttpOnly; Path=/`,
    );
    expect(
      saveSession({ data, modified: false, accessed: false }, { ...config, refreshEachRequest: false })
        .setCookie,
    ).toBeNull();
  });
  it('writes every attribute in Werkzeug order', () => {
    const full = {
      ...config,
      domain: 'example.com',
      secure: true,
      sameSite: 'Lax' as const,
      cookieName: 'sid',
      path: '/app',
    };
    expect(saveSession({ data: {}, modified: true, accessed: false }, full).setCookie).toBe(
      'sid=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/app; SameSite=Lax',
    );
  });
  it("warns with Werkzeug's text when the cookie passes 4093 bytes", () => {
    const noise = Array.from({ length: 4000 }, (_, i) => ((i * 7919) % 65521).toString(36)).join('');
    const result = saveSession({ data: { noise }, modified: true, accessed: true }, config);
    const header = result.setCookie ?? '';
    const valueSize = header.split(';')[0]?.length ?? 0;
    expect(result.sizeWarning).toBe(
      `The 'session' cookie is too large: the value was ${valueSize - 'session='.length} bytes but the header required ` +
        `${header.length - valueSize + 'session='.length} extra bytes. The final size was ${header.length} bytes but the ` +
        'limit is 4093 bytes. Browsers may silently ignore cookies larger than this.',
    );
  });
});
