import { describe, expect, it } from 'vitest';
import { conventionJson, fromConvention, toConvention } from '../../sandbox/cookie-tools/index.ts';
import { formatHttpDate, parseHttpDate } from '../../sandbox/flask-session/http-date.ts';
import { PyBytes, PyDatetime, PyMarkup, PyTuple, PyUUID } from '../../sandbox/flask-session/index.ts';

/** How the CLI shows a session: display JSON, indented. */
const displayText = (value: Parameters<typeof toConvention>[0]) => conventionJson(toConvention(value), 2);

describe('PyUUID', () => {
  it('keeps 32 lowercase hex digits and prints the dashed form', () => {
    const u = new PyUUID('12345678-1234-5678-1234-56781234567A');
    expect(u.hex).toBe('1234567812345678123456781234567a');
    expect(String(u)).toBe('12345678-1234-5678-1234-56781234567a');
  });
  it('refuses anything else', () => {
    expect(() => new PyUUID('xyz')).toThrow(TypeError);
  });
});

describe('PyDatetime', () => {
  it('drops fractions of a second, as Flask stores whole seconds', () => {
    expect(PyDatetime.fromDate(new Date(1500))).toEqual(new PyDatetime(1));
    expect(new PyDatetime(1).toDate().toISOString()).toBe('1970-01-01T00:00:01.000Z');
  });
});

describe('toConvention', () => {
  it('writes tagged values with the oracle markers', () => {
    expect(
      toConvention({
        t: new PyTuple([1]),
        b: new PyBytes(Uint8Array.from([255])),
        m: new PyMarkup('<b>'),
        u: new PyUUID('12345678123456781234567812345678'),
        d: new PyDatetime(1445412480),
        x: { $tuple: 1 },
      }),
    ).toEqual({
      t: { $tuple: [1] },
      b: { $bytes: '/w==' },
      m: { $markup: '<b>' },
      u: { $uuid: '12345678-1234-5678-1234-567812345678' },
      d: { $datetime: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      x: { $dict: { $tuple: 1 } },
    });
  });
});

describe('fromConvention', () => {
  it('reads markers back into Python values', () => {
    expect(fromConvention({ t: { $tuple: [{ $bytes: 'AQID' }] }, d: { $dict: { $uuid: 1 } } })).toEqual({
      t: new PyTuple([new PyBytes(Uint8Array.from([1, 2, 3]))]),
      d: { $uuid: 1 },
    });
  });
  it('accepts ISO 8601 dates, naive ones as UTC', () => {
    expect(fromConvention({ $datetime: '2015-10-21T07:28:00' })).toEqual(new PyDatetime(1445412480));
    expect(fromConvention({ $datetime: '2015-10-21T09:28:00+02:00' })).toEqual(new PyDatetime(1445412480));
  });
  it('says what is wrong with a malformed marker', () => {
    expect(() => fromConvention({ $bytes: 'not base64!' })).toThrow('$bytes');
    expect(() => fromConvention({ $datetime: 'soon' })).toThrow('$datetime');
    expect(() => fromConvention({ $tuple: 1 })).toThrow('$tuple');
  });
});

describe("conventionJson of toConvention, indented (the CLI's display)", () => {
  it('pretty-prints with tagged values shown by the convention', () => {
    expect(displayText({ pair: new PyTuple(['a', 1]) })).toBe(
      '{\n  "pair": {\n    "$tuple": [\n      "a",\n      1\n    ]\n  }\n}',
    );
  });
});

describe('formatHttpDate', () => {
  it('writes RFC 1123 GMT with a four-digit year', () => {
    expect(formatHttpDate(0)).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(formatHttpDate(-59011459200)).toBe('Fri, 01 Jan 0100 00:00:00 GMT');
  });
});

describe('parseHttpDate', () => {
  it('reads RFC 1123, RFC 850 and asctime-like forms with zones', () => {
    expect(parseHttpDate('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(1445412480);
    expect(parseHttpDate('Wednesday, 21-Oct-15 07:28:00 GMT')).toBe(1445412480);
    expect(parseHttpDate('21 Oct 2015 09:28:00 +0200')).toBe(1445412480);
  });
  it('gives null where Python gives None', () => {
    expect(parseHttpDate('')).toBeNull();
    expect(parseHttpDate('31 Feb 2015 00:00:00 GMT')).toBeNull();
    expect(parseHttpDate('not a date at all')).toBeNull();
  });
});
