/**
 * Recorded vectors made by the real Flask 3.1.3 (test/fixtures/flask31-vectors.json, written by
 * test/python/make_flask31_vectors.py): number cases signed byte for byte, cookies whose loaded
 * session Flask signs again the same way, and the headers of one request per action.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromConvention } from '../../sandbox/cookie-tools/index.ts';
import {
  loadSession,
  type PyValue,
  type SessionData,
  signSession,
  taggedDumps,
} from '../../sandbox/flask-session/index.ts';
import { parsePythonAnswer } from './flask-helper.ts';
import { respond } from './respond.ts';

interface Recorded {
  generated_by: string;
  now: number;
  sign: { name: string; secret: string; timestamp: number; session: unknown; cookie: string }[];
  load: {
    name: string;
    secret: string;
    payload: string;
    cookie: string;
    session: unknown;
    resigned: string;
  }[];
  headers: { action: string; partitioned?: boolean; set_cookie: string[]; vary: string | null }[];
}

// Python-flavoured JSON (NaN, 3.0, big ints), so read with Python's number rules.
const recorded = parsePythonAnswer(
  readFileSync(new URL('../fixtures/flask31-vectors.json', import.meta.url), 'utf8'),
) as unknown as Recorded;

const session = (conv: unknown) => fromConvention(conv) as SessionData;

describe('Flask 3.1.3 recorded vectors', () => {
  it('were made by Flask 3.1', () => {
    expect(recorded.generated_by).toMatch(/flask 3\.1\./);
  });
  it.each(recorded.sign)('signs "$name" to the bytes Flask 3.1 wrote', (v) => {
    expect(signSession(session(v.session), { secretKey: v.secret, timestamp: v.timestamp })).toBe(v.cookie);
  });
  it.each(recorded.sign)('loads "$name" to the value Flask 3.1 signed', (v) => {
    const loaded = loadSession(v.cookie, { secretKey: v.secret });
    expect(taggedDumps(loaded)).toBe(taggedDumps(fromConvention(v.session) as PyValue));
  });
  it.each(recorded.load)('loads "$name" as Flask 3.1 does, and signs it again as Flask does', (v) => {
    const loaded = loadSession(v.cookie, { secretKey: v.secret });
    expect(taggedDumps(loaded)).toBe(taggedDumps(fromConvention(v.session) as PyValue));
    expect(signSession(loaded, { secretKey: v.secret, timestamp: recorded.now })).toBe(v.resigned);
  });
  it.each(recorded.headers)('sends the Set-Cookie and Vary of Flask 3.1 for "$action"', (v) => {
    const ours = respond({
      action: v.action,
      data: { firstName: 'Phill' },
      flaskVersion: '3.1',
      now: recorded.now,
      partitioned: v.partitioned,
    });
    expect(ours.setCookie === null ? [] : [ours.setCookie]).toEqual(v.set_cookie);
    expect(ours.vary ? 'Cookie' : null).toBe(v.vary);
  });
});
