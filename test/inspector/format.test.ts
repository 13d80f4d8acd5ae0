import { describe, expect, it } from 'vitest';
import { cliCommand, shellQuote } from '../../src/lib/inspector/cli.ts';
import { diagramModel } from '../../src/lib/inspector/diagram.ts';
import {
  codeRanText,
  decodeExpressSession,
  formatAge,
  incomingText,
  lineRanges,
  signedDate,
  truncateMiddle,
  verdictText,
} from '../../src/lib/inspector/format.ts';
import { exchange, flaskCookie } from './exchange-fixture.ts';

describe('formatAge', () => {
  it('reads naturally from seconds to days', () => {
    expect(formatAge(0)).toBe('just now');
    expect(formatAge(42)).toBe('42 s ago');
    expect(formatAge(125)).toBe('2 min ago');
    expect(formatAge(7200)).toBe('2 h ago');
    expect(formatAge(86400)).toBe('1 day ago');
    expect(formatAge(3 * 86400)).toBe('3 days ago');
  });
  it('treats clock skew (negative ages) as now', () => {
    expect(formatAge(-3)).toBe('just now');
  });
});

describe('signedDate', () => {
  it('accepts seconds, milliseconds and ISO dates', () => {
    const iso = '2023-11-14T22:13:20.000Z';
    expect(signedDate(1_700_000_000).toISOString()).toBe(iso);
    expect(signedDate(1_700_000_000_000).toISOString()).toBe(iso);
    expect(signedDate(iso).toISOString()).toBe(iso);
  });
});

describe('verdictText', () => {
  it('says which key verified a valid cookie', () => {
    expect(verdictText({ kind: 'valid', keyIndex: 0 })).toEqual({
      ok: true,
      tone: 'ok',
      text: 'Verifies with the current key.',
    });
    expect(verdictText({ kind: 'valid', keyIndex: 1 }).text).toMatch(/fallback key 1/);
  });
  it('marks unverified as unknown and failures as bad', () => {
    expect(verdictText({ kind: 'unverified' }).ok).toBeUndefined();
    for (const kind of ['bad-signature', 'expired'] as const) expect(verdictText({ kind }).ok).toBe(false);
    expect(verdictText({ kind: 'bad-signature' }).tone).toBe('bad');
  });
  it('reads an expired cookie as a caution (signed with this key, but too old), not a failure', () => {
    const expired = verdictText({ kind: 'expired' });
    expect(expired.tone).toBe('warn');
    expect(expired.text).toMatch(/^Signed with this key, but older than 31 days/);
    expect(verdictText({ kind: 'not-flask', reason: 'no dots' }).text).toMatch(/no dots/);
  });
});

describe('truncateMiddle', () => {
  it('keeps short text and shortens long text to the limit', () => {
    expect(truncateMiddle('abc', 5)).toBe('abc');
    expect(truncateMiddle('abcdefghij', 7)).toBe('abc…hij');
    expect(truncateMiddle('abcdefghij', 6)).toHaveLength(6);
  });
});

describe('decodeExpressSession', () => {
  it('decodes cookie-session base64 JSON', () => {
    expect(decodeExpressSession('eyJmaXJzdE5hbWUiOiJQaGlsbCJ9')).toEqual({ firstName: 'Phill' });
  });
  it('decodes UTF-8 and returns undefined for garbage', () => {
    expect(
      decodeExpressSession(btoa(String.fromCharCode(...new TextEncoder().encode('{"n":"Zoë"}')))),
    ).toEqual({
      n: 'Zoë',
    });
    expect(decodeExpressSession('%%%')).toBeUndefined();
    expect(decodeExpressSession(btoa('[1]'))).toBeUndefined();
  });
});

describe('lineRanges', () => {
  it('joins consecutive lines into ranges', () => {
    expect(lineRanges([9, 3, 4, 5, 5])).toBe('3–5, 9');
    expect(lineRanges([])).toBe('');
  });
});

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellQuote('abc.DEF-1')).toBe('abc.DEF-1');
    expect(shellQuote('{"admin": true}')).toBe(`'{"admin": true}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('cliCommand', () => {
  it('builds decode, forge (sign) and guess commands', () => {
    expect(cliCommand({ kind: 'decode', cookie: flaskCookie })).toBe(`npx session-lab decode ${flaskCookie}`);
    expect(cliCommand({ kind: 'decode', cookie: 'a.b.c', secretKey: 'k k' })).toBe(
      `npx session-lab decode a.b.c --secret 'k k'`,
    );
    expect(cliCommand({ kind: 'forge', json: '{"admin": true}', secretKey: 'w98' })).toBe(
      `npx session-lab sign --secret w98 --json '{"admin": true}'`,
    );
    expect(cliCommand({ kind: 'guess', cookie: '' })).toBe(`npx session-lab guess '<cookie>'`);
  });
});

describe('diagramModel', () => {
  it('describes a first store: no cookie sent, session set', () => {
    const model = diagramModel(
      exchange({
        method: 'POST',
        path: '/sandbox/flask/store',
        status: 302,
        setCookies: [`session=${flaskCookie}; HttpOnly; Path=/sandbox/flask`],
      }),
    );
    expect(model.request).toEqual(['POST /store', 'no Cookie']);
    expect(model.response[0]).toBe('302');
    expect(model.response[1]).toBe('Set-Cookie: session');
    expect(model.label).toBe('Browser sent POST /store with no cookie; server answered 302 and set session.');
  });
  it('shows the cookie carried and a deletion', () => {
    const model = diagramModel(
      exchange({
        method: 'POST',
        path: '/sandbox/flask/clear',
        requestCookie: `session=${flaskCookie}`,
        setCookies: ['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0'],
      }),
      20,
    );
    expect(model.request[1]).toHaveLength('Cookie: '.length + 20);
    expect(model.label).toMatch(/with cookie session; .* set session \(deleted\)\.$/);
  });
});

describe('codeRanText', () => {
  it('says nothing when no code ran, "line" for one and "lines" for more', () => {
    expect(codeRanText('flask', [])).toBe('');
    expect(codeRanText('flask', [12])).toBe('Flask code: line 12 ran.');
    expect(codeRanText('flask', [12, 13, 14, 20])).toBe('Flask code: lines 12–14, 20 ran.');
  });
  it('never calls an Express record Flask code', () => {
    expect(codeRanText('express', [3, 4])).toBe(
      'Express app: its version of lines 3–4 of the Flask app ran.',
    );
    expect(codeRanText('express', [3])).not.toContain('Flask code');
  });
});

describe('incomingText', () => {
  it('says how the incoming cookie was judged in the verdict words, and that a bad one was ignored', () => {
    expect(incomingText({ status: 'none' })).toBe('No session cookie came in.');
    expect(incomingText({ status: 'valid', keyIndex: 1 })).toMatch(/^Verifies with fallback key 1/);
    expect(incomingText({ status: 'bad-signature' })).toBe(
      'Bad signature: this key did not sign it, or the cookie was changed. The app ignored it and started an empty session.',
    );
    expect(incomingText({ status: 'expired' })).toMatch(/too old.*started an empty session\.$/);
  });
});
