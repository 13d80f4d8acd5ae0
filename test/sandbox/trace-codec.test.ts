/**
 * The `?trace=` codec on its own: a record sealed by one server opens only there (or on a server
 * sharing its secret), only for the browser holding the cookie it left and only for a few minutes,
 * and a record too big for a URL is cut down in two steps until it fits.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { createTraceCodec, MAX_TRACE_LENGTH, TRACE_LIFETIME_MS } from '../../sandbox/recorder/trace.ts';

const record: Exchange = {
  id: 'r1',
  engine: 'flask',
  at: 1,
  action: 'store',
  method: 'POST',
  path: '/sandbox/flask/store',
  status: 302,
  location: '/sandbox/flask/',
  requestCookie: null,
  setCookies: ['session=abc; HttpOnly; Path=/sandbox/flask'],
  vary: 'Cookie',
  session: { status: 'none', before: {}, after: { firstName: 'Phill' } },
  cookieAfter: 'abc',
  codeLines: [1, 2],
  summary: 'Stored firstName.',
};

/** Random text, which deflate cannot shrink much, so the trace really is long. */
const noise = (length: number) => randomBytes(length).toString('base64').slice(0, length);

describe('the trace codec', () => {
  it('opens what it sealed, and so does another codec with the same secret', () => {
    const trace = createTraceCodec('s').seal(record);
    expect(createTraceCodec('s').open(trace, 'abc')).toEqual(record);
    expect(createTraceCodec('other').open(trace, 'abc')).toBeUndefined();
  });
  it("without a secret, codecs of one process share the process's random key, which no set secret opens", () => {
    const trace = createTraceCodec(undefined).seal(record);
    expect(createTraceCodec(undefined).open(trace, 'abc')).toEqual(record);
    expect(createTraceCodec('s').open(trace, 'abc')).toBeUndefined();
  });
  it('opens only for the browser holding the cookie the record left, and only for a few minutes', () => {
    let clock = 1_700_000_000_000;
    const codec = createTraceCodec('s', { now: () => clock });
    const trace = codec.seal(record);
    expect(codec.open(trace, 'abc')).toEqual(record);
    for (const other of [null, '', 'abd', 'abc ', 'ABC'])
      expect(codec.open(trace, other), String(other)).toBeUndefined();
    clock += TRACE_LIFETIME_MS;
    expect(codec.open(trace, 'abc')).toEqual(record);
    clock += 1;
    expect(codec.open(trace, 'abc')).toBeUndefined();
    expect(TRACE_LIFETIME_MS).toBeLessThanOrEqual(10 * 60_000);
  });
  it('a record that deleted the cookie opens for a browser without one, not for one still sending it', () => {
    const codec = createTraceCodec('s');
    const cleared = codec.seal({
      ...record,
      action: 'clear',
      requestCookie: 'session=abc',
      setCookies: [
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
      ],
      cookieAfter: null,
    });
    expect(codec.open(cleared, null)).toMatchObject({ action: 'clear' });
    expect(codec.open(cleared, 'abc')).toBeUndefined();
  });
  it('binds a shortened record to the whole cookie it left, not the cut one', () => {
    const codec = createTraceCodec('s');
    const cookie = noise(3000);
    const trace = codec.seal({
      ...record,
      cookieAfter: cookie,
      setCookies: [`session=${cookie}`, noise(4000)],
    });
    expect(codec.open(trace, cookie)).toMatchObject({ truncated: true });
    expect(codec.open(trace, cookie.slice(0, 200))).toBeUndefined();
  });
  it('ignores what is not a trace of its own', () => {
    const codec = createTraceCodec('s');
    const trace = codec.seal(record);
    const flipped = `${trace.slice(0, 20)}${trace[20] === 'A' ? 'B' : 'A'}${trace.slice(21)}`;
    for (const bad of [
      undefined,
      42,
      '',
      trace.slice(0, -2),
      `${trace}x`,
      `${trace}.`,
      flipped,
      'x'.repeat(MAX_TRACE_LENGTH + 1),
    ]) {
      expect(codec.open(bad, 'abc'), String(bad)).toBeUndefined();
    }
  });
  it('shortens long strings of a big record, keeping the summary and the warning whole', () => {
    const codec = createTraceCodec('s');
    const warning = `The 'session' cookie is too large: ${noise(300)}`;
    const big: Exchange = {
      ...record,
      summary: noise(400),
      cookieWarning: warning,
      setCookies: [`session=${noise(7000)}`],
      path: `/${'p'.repeat(199)}`,
    };
    const trace = codec.seal(big);
    expect(trace.length).toBeLessThanOrEqual(MAX_TRACE_LENGTH);
    const opened = codec.open(trace, 'abc');
    expect(opened).toMatchObject({ truncated: true, summary: big.summary, cookieWarning: warning });
    expect(opened?.setCookies).toEqual([`${big.setCookies[0]?.slice(0, 200)}… [6808 more characters]`]);
    // Numbers and arrays keep their type; a string of exactly 200 characters is kept whole.
    expect(opened).toMatchObject({ status: 302, codeLines: [1, 2], at: 1, path: big.path });
    expect(opened?.session).toEqual(record.session);
  });
  it('drops the anatomy and the session contents when shortening is not enough', () => {
    const codec = createTraceCodec('s');
    const after = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, noise(150)]));
    const huge = { ...record, session: { ...record.session, after }, anatomy: { input: noise(150) } };
    const trace = codec.seal(huge as unknown as Exchange);
    expect(trace.length).toBeLessThanOrEqual(MAX_TRACE_LENGTH);
    const opened = codec.open(trace, 'abc');
    expect(opened).toMatchObject({ truncated: true, session: { status: 'none', before: {}, after: {} } });
    expect(opened).not.toHaveProperty('anatomy');
    expect(opened?.summary).toBe(record.summary);
  });
  it('keeps a record that fits as it is, without a truncated mark', () => {
    const codec = createTraceCodec('s');
    const opened = codec.open(codec.seal({ ...record, summary: 'x'.repeat(201) }), 'abc');
    expect(opened).not.toHaveProperty('truncated');
    expect(opened?.summary).toBe('x'.repeat(201));
  });
});
