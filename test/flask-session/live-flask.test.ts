/**
 * Live cross-check against the real Flask (Debian python3-flask at /usr/bin/python3): Flask loads
 * what we sign, we load what Flask signs, byte for byte. Skipped, with a notice, without Flask.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromConvention, toConvention } from '../../sandbox/cookie-tools/index.ts';
import {
  loadSession,
  type SessionData,
  saveSession,
  signSession,
} from '../../sandbox/flask-session/index.ts';
import { session } from './arbitraries.ts';
import { type FlaskHelper, flaskUnavailable, startFlaskHelper } from './flask-helper.ts';

const unavailable = flaskUnavailable();
if (unavailable) console.warn(`[skipped] live Flask cross-check: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('live cross-check with the real Flask', () => {
  let flask: FlaskHelper;
  beforeAll(() => {
    flask = startFlaskHelper();
  });
  afterAll(() => flask.close());

  const secret = fc.oneof(
    fc.constant('w98fw9ef8hwe98fhwef'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
  );
  const timestamp = fc.integer({ min: 0, max: 253402300799 });

  it('signs every generated session to the same bytes as Flask, and each side loads the other', async () => {
    await fc.assert(
      fc.asyncProperty(session, secret, timestamp, async (data, key, ts) => {
        const ours = signSession(data, { secretKey: key, timestamp: ts });
        const conv = toConvention(data);
        const theirs = await flask.ask({ op: 'sign', secret: key, session: conv, timestamp: ts });
        expect(theirs.cookie).toBe(ours);
        expect(await flask.ask({ op: 'load', secret: key, cookie: ours })).toEqual({
          ok: true,
          session: conv,
        });
        expect(toConvention(loadSession(theirs.cookie as string, { secretKey: key }))).toEqual(conv);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects tampered and expired cookies with the same error as Flask', async () => {
    const base = signSession({ firstName: 'Phill', n: [1, 2] }, { secretKey: 'k', timestamp: 1700000000 });
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: base.length }),
        fc.string({ maxLength: 3 }),
        fc.option(fc.integer({ min: 1699990000, max: 1700010000 })),
        async (index, insert, now) => {
          const cookie = base.slice(0, index) + insert + base.slice(index + 1);
          const config = now === null ? { secretKey: 'k' } : { secretKey: 'k', maxAge: 3600, now: () => now };
          let ours: string;
          try {
            ours = JSON.stringify({ ok: true, session: toConvention(loadSession(cookie, config)) });
          } catch (error) {
            ours = (error as Error).name;
          }
          const request = now === null ? {} : { max_age: 3600, now };
          const answer = await flask.ask({ op: 'load', secret: 'k', cookie, ...request });
          expect(ours).toBe(answer.ok ? JSON.stringify(answer) : answer.exception);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sets the same Set-Cookie and Vary headers as a real Flask request', async () => {
    const now = 1700000000;
    const stored = signSession({ a: 'b' }, { secretKey: 'dev', timestamp: now });
    const cases: {
      action: string;
      cookie?: string;
      data: SessionData;
      modified: boolean;
      accessed: boolean;
    }[] = [
      { action: 'store', data: { firstName: 'Phill' }, modified: true, accessed: true },
      { action: 'permanent', data: { _permanent: true, firstName: 'Phill' }, modified: true, accessed: true },
      { action: 'clear', cookie: stored, data: {}, modified: true, accessed: true },
      { action: 'read', cookie: stored, data: { a: 'b' }, modified: false, accessed: true },
      { action: 'nothing', cookie: stored, data: { a: 'b' }, modified: false, accessed: false },
    ];
    for (const c of cases) {
      const data = c.action === 'store' || c.action === 'permanent' ? { firstName: 'Phill' } : {};
      const answer = await flask.ask({
        op: 'respond',
        secret: 'dev',
        action: c.action,
        cookie: c.cookie,
        session: data,
        now,
      });
      const ours = saveSession(
        { data: c.data, modified: c.modified, accessed: c.accessed },
        { secretKey: 'dev', now: () => now },
      );
      expect(ours.setCookie === null ? [] : [ours.setCookie], c.action).toEqual(answer.set_cookie);
      expect(ours.vary ? 'Cookie' : null, c.action).toBe(answer.vary);
    }
  });

  it('agrees with Flask on the oracle vectors it was shipped with', async () => {
    const answer = await flask.ask({
      op: 'sign',
      secret: 'dev',
      session: { t: { $tuple: [1] } },
      timestamp: 1700000000,
    });
    expect(answer.cookie).toBe(
      signSession(fromConvention({ t: { $tuple: [1] } }) as SessionData, {
        secretKey: 'dev',
        timestamp: 1700000000,
      }),
    );
  });
});
