/**
 * Live cross-check against both real Flasks on this machine (python3: Flask 3.1; /usr/bin/python3:
 * Flask 2.2), the engine following each: Flask loads what we sign, we load what Flask signs, byte
 * for byte, numbers included; and one real request gives the same Set-Cookie and Vary headers.
 * Without a Flask: skipped with a warning, or failed when REQUIRE_FLASK=1 (CI).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromConvention, parseConventionJson, toConvention } from '../../sandbox/cookie-tools/index.ts';
import { LOAD_DEPTH } from '../../sandbox/flask-session/flask-version.ts';
import {
  loadSession,
  NestingTooDeep,
  openSession,
  PyFloat,
  type PyValue,
  type SessionData,
  signSession,
  taggedDumps,
} from '../../sandbox/flask-session/index.ts';
import { dumpPayload } from '../../sandbox/flask-session/serializer.ts';
import { createSigner } from '../../sandbox/flask-session/signer.ts';
import { signTimed } from '../../sandbox/flask-session/timed.ts';
import { session } from './arbitraries.ts';
import {
  FLASK_PYTHONS,
  type FlaskHelper,
  type FlaskPython,
  flaskUnavailable,
  REQUIRE_FLASK,
  startFlaskHelper,
} from './flask-helper.ts';
import { respond } from './respond.ts';

const NOW = 1700000000;

/** Canonical text of a session value: equal texts mean equal Python values (numbers' types too). */
const canonical = (value: unknown) => taggedDumps(fromConvention(value) as PyValue);

for (const flaskPython of FLASK_PYTHONS) {
  const unavailable = flaskUnavailable(flaskPython);
  const title = `live cross-check with Flask ${flaskPython.version} (${flaskPython.python})`;
  if (unavailable && REQUIRE_FLASK) {
    it(`${title}: Flask is installed (REQUIRE_FLASK=1)`, () => {
      throw new Error(`REQUIRE_FLASK=1 but ${unavailable}`);
    });
    continue;
  }
  if (unavailable) console.warn(`[skipped] ${title}: ${unavailable}`);
  describe.skipIf(unavailable !== undefined)(title, () => crossCheck(flaskPython));
}

function crossCheck({ python, version }: FlaskPython): void {
  let helper: FlaskHelper;
  beforeAll(() => {
    helper = startFlaskHelper(python);
  });
  afterAll(() => helper.close());
  const flask = { ask: (request: Record<string, unknown>) => helper.ask(request) };
  cookieChecks(flask, version);
  rejectionChecks(flask, version);
  headerChecks(flask, version);
  nestingChecks(flask, version);
}

type Ask = Pick<FlaskHelper, 'ask'>;

/** Cookies both ways, byte for byte, numbers of every kind included. */
function cookieChecks(flask: Ask, version: FlaskPython['version']): void {
  const secret = fc.oneof(
    fc.constant('w98fw9ef8hwe98fhwef'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
  );
  const timestamp = fc.integer({ min: 0, max: 253402300799 });

  it('signs every generated session (numbers of every kind included) to the same bytes, and each side loads the other', async () => {
    await fc.assert(
      fc.asyncProperty(session, secret, timestamp, async (data, key, ts) => {
        const ours = signSession(data, { secretKey: key, timestamp: ts });
        const conv = toConvention(data);
        const theirs = await flask.ask({ op: 'sign', secret: key, session: conv, timestamp: ts });
        expect(theirs.cookie).toBe(ours);
        const loaded = await flask.ask({ op: 'load', secret: key, cookie: ours });
        expect(loaded.ok).toBe(true);
        expect(canonical(loaded.session)).toBe(taggedDumps(data));
        const back = loadSession(theirs.cookie as string, { secretKey: key, flaskVersion: version });
        expect(signSession(back, { secretKey: key, timestamp: ts })).toBe(theirs.cookie);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps 3.0, 1e16, 1e21, -0.0, NaN, ±Infinity and ints past 2^53 through load → sign', async () => {
    const text =
      '{"f":3.0,"e16":1e16,"e21":1e21,"nz":-0.0,"nan":NaN,"inf":Infinity,"ninf":-Infinity,' +
      '"big":123456789012345678901234567890,"edge":9007199254740993,"tiny":1e-07}';
    const data = parseConventionJson(text) as SessionData;
    const theirs = await flask.ask({
      op: 'sign',
      secret: 'dev',
      session: toConvention(data),
      timestamp: NOW,
    });
    const ours = signSession(data, { secretKey: 'dev', timestamp: NOW });
    expect(ours).toBe(theirs.cookie);
    const reloaded = loadSession(theirs.cookie as string, { secretKey: 'dev', flaskVersion: version });
    expect(reloaded.f).toEqual(new PyFloat(3));
    expect(reloaded.big).toBe(123456789012345678901234567890n);
    expect(signSession(reloaded, { secretKey: 'dev', timestamp: NOW })).toBe(theirs.cookie);
  });
}

/** Bad cookies refused alike, and fallback keys as each Flask treats them. */
function rejectionChecks(flask: Ask, version: FlaskPython['version']): void {
  it('rejects tampered and expired cookies with the same error as Flask', async () => {
    const base = signSession({ firstName: 'Phill', n: [1, 2] }, { secretKey: 'k', timestamp: NOW });
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: base.length }),
        fc.string({ maxLength: 3 }),
        fc.option(fc.integer({ min: NOW - 10000, max: NOW + 10000 })),
        async (index, insert, now) => {
          const cookie = base.slice(0, index) + insert + base.slice(index + 1);
          const config = {
            secretKey: 'k',
            flaskVersion: version,
            ...(now === null ? {} : { maxAge: 3600, now: () => now }),
          };
          let ours: string;
          try {
            ours = canonical(toConvention(loadSession(cookie, config)));
          } catch (error) {
            ours = (error as Error).name;
          }
          const request = now === null ? {} : { max_age: 3600, now };
          const answer = await flask.ask({ op: 'load', secret: 'k', cookie, ...request });
          expect(ours).toBe(answer.ok ? canonical(answer.session) : answer.exception);
        },
      ),
      { numRuns: 150 },
    );
  });

  it(`accepts a cookie signed with a fallback key ${version === '3.1' ? 'as Flask 3.1 does' : 'never, as Flask 2.2 ignores SECRET_KEY_FALLBACKS'}`, async () => {
    const old = signSession({ a: 'b' }, { secretKey: 'old', timestamp: NOW });
    const answer = await flask.ask({ op: 'load', secret: 'new', fallbacks: ['old'], cookie: old });
    const ours = openSession(old, {
      secretKey: 'new',
      fallbackKeys: ['old'],
      flaskVersion: version,
      now: () => NOW,
    });
    expect(answer.ok).toBe(version === '3.1');
    expect(ours.status).toBe(version === '3.1' ? 'valid' : 'bad-signature');
  });
}

/** One real request per action, and a whole flow, header by header. */
function headerChecks(flask: Ask, version: FlaskPython['version']): void {
  it('follows a learner through store → store → permanent → read → clear, header by header', async () => {
    let ourCookie: string | undefined;
    let flaskCookie: string | undefined;
    const steps: [string, SessionData][] = [
      ['store', { firstName: 'Phill' }],
      ['store', { favouriteColour: 'blue', visits: new PyFloat(2) }],
      ['permanent', {}],
      ['read', {}],
      ['contains', {}],
      ['clear', {}],
    ];
    for (const [step, [action, data]] of steps.entries()) {
      const now = NOW + step * 60;
      const answer = await flask.ask({
        op: 'respond',
        secret: 'dev',
        action,
        cookie: flaskCookie,
        session: toConvention(data),
        now,
      });
      const ours = respond({ action, cookie: ourCookie, data, flaskVersion: version, now });
      const label = `step ${step + 1}: ${action}`;
      expect(ours.setCookie === null ? [] : [ours.setCookie], label).toEqual(answer.set_cookie);
      expect(ours.vary ? 'Cookie' : null, label).toBe(answer.vary);
      const next = (header: string | undefined) => header?.slice('session='.length).split(';')[0];
      ourCookie = next(ours.setCookie ?? undefined) || ourCookie;
      flaskCookie = next((answer.set_cookie as string[])[0]) || flaskCookie;
    }
  });

  it('sets the same Set-Cookie and Vary headers as a real Flask request, action by action', async () => {
    const stored = signSession({ a: 'b' }, { secretKey: 'dev', timestamp: NOW });
    const cases: { action: string; cookie?: string; partitioned?: boolean }[] = [
      { action: 'store' },
      { action: 'permanent' },
      { action: 'clear', cookie: stored },
      { action: 'clear' },
      { action: 'read', cookie: stored },
      { action: 'contains' },
      { action: 'contains', cookie: stored },
      { action: 'len', cookie: stored },
      { action: 'nothing', cookie: stored },
      { action: 'store', partitioned: true },
      { action: 'clear', cookie: stored, partitioned: true },
    ];
    for (const c of cases) {
      const data = { firstName: 'Phill' };
      const request = {
        op: 'respond',
        secret: 'dev',
        action: c.action,
        cookie: c.cookie,
        session: data,
        now: NOW,
      };
      const answer = await flask.ask({ ...request, partitioned: c.partitioned ?? false });
      const ours = respond({ ...c, data, flaskVersion: version, now: NOW });
      const label = `${c.action}${c.cookie ? ' with a cookie' : ''}${c.partitioned ? ', partitioned' : ''}`;
      expect(ours.setCookie === null ? [] : [ours.setCookie], label).toEqual(answer.set_cookie);
      expect(ours.vary ? 'Cookie' : null, label).toBe(answer.vary);
    }
  });
}

/** The deepest session each Flask loads from a cookie and saves, one level past it failing. */
function nestingChecks(flask: Ask, version: FlaskPython['version']): void {
  const signer = createSigner({ keys: ['dev'], salt: 'cookie-session' });
  const cookieOf = (json: string) => signTimed(signer, dumpPayload(json), NOW);
  const nest = (depth: number, open: string, close: string) =>
    `{"x":${open.repeat(depth - 1)}1${close.repeat(depth - 1)}}`;
  const loads = async (json: string) => {
    const cookie = cookieOf(json);
    const answer = await flask.ask({ op: 'respond', secret: 'dev', action: 'len', cookie, now: NOW });
    const ours = openSession(cookie, { secretKey: 'dev', flaskVersion: version, now: () => NOW });
    return { flask: answer.status === 200, ours: ours.status === 'valid' };
  };

  it(`loads sessions nested ${LOAD_DEPTH[version].arrays} (arrays) and ${LOAD_DEPTH[version].objects} (objects) deep, as Flask ${version} does, and not one more`, async () => {
    for (const [open, close, limit] of [
      ['[', ']', LOAD_DEPTH[version].arrays],
      ['{"a":', '}', LOAD_DEPTH[version].objects],
    ] as const) {
      expect(await loads(nest(limit, open, close)), `${open} ${limit}`).toEqual({ flask: true, ours: true });
      expect(await loads(nest(limit + 1, open, close)), `${open} ${limit + 1}`).toEqual({
        flask: false,
        ours: false,
      });
    }
  });

  it('saves the session plus 325 nested lists, as Flask does, and refuses 326', async () => {
    for (const [depth, saved] of [
      [325, true],
      [326, false],
    ] as const) {
      let value: PyValue = 1;
      for (let i = 0; i < depth; i++) value = [value];
      const data = { x: value };
      const answer = await flask.ask({
        op: 'respond',
        secret: 'dev',
        action: 'store',
        session: toConvention(data),
        now: NOW,
      });
      expect(answer.status === 200, `Flask, ${depth}`).toBe(saved);
      const ours = () => respond({ action: 'store', data, flaskVersion: version, now: NOW });
      if (saved) expect(ours().setCookie).toBe((answer.set_cookie as string[])[0]);
      else expect(ours).toThrow(NestingTooDeep);
    }
  });
}
