/**
 * Numbers as Python has them: a lexeme with `.`/`e` is a float, any other an int of any size;
 * floats written with Python's repr; the convention text and display keep them exactly.
 */
import { describe, expect, it } from 'vitest';
import { conventionJson, parseConventionJson, toConvention } from '../../sandbox/cookie-tools/index.ts';
import {
  PyDatetime,
  PyFloat,
  type SessionData,
  signSession,
  taggedDumps,
  taggedLoads,
} from '../../sandbox/flask-session/index.ts';
import { formatFloat } from '../../sandbox/flask-session/json-format.ts';
import { pyRepr, pyStr } from '../../sandbox/flask-session/py-repr.ts';

/** How the CLI shows a session: display JSON, indented. */
const displayText = (value: Parameters<typeof toConvention>[0]) => conventionJson(toConvention(value), 2);

describe('reading number lexemes', () => {
  it('keeps whole floats as PyFloat and big ints as bigint', () => {
    expect(
      taggedLoads('{"a":3.0,"b":1e16,"c":2E0,"d":12345678901234567890,"e":-0,"f":-0.0,"g":1.5}'),
    ).toEqual({
      a: new PyFloat(3),
      b: new PyFloat(1e16),
      c: new PyFloat(2),
      d: 12345678901234567890n,
      e: 0,
      f: -0,
      g: 1.5,
    });
  });
  it('keeps safe ints as numbers, even written with many digits', () => {
    expect(taggedLoads('{"a":9007199254740991,"b":-0000}'.replace('-0000', '-0'))).toEqual({
      a: 9007199254740991,
      b: 0,
    });
  });
  it('writes every number back as the bytes it was read from (Python repr for floats)', () => {
    const text =
      '{"a":3.0,"b":1e+16,"c":1e+21,"d":1e-07,"e":-0.0,"f":NaN,"g":Infinity,"h":-Infinity,' +
      '"i":123456789012345678901234567890,"j":9007199254740993,"k":0.1,"l":1000000000000000.0}';
    expect(taggedDumps(taggedLoads(text))).toBe(text);
  });
});

describe('formatFloat', () => {
  it("writes Python's repr of a float", () => {
    const cases: [number, string][] = [
      [3, '3.0'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [1e21, '1e+21'],
      [1e-7, '1e-07'],
      [-0, '-0.0'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [5e-324, '5e-324'],
    ];
    for (const [value, text] of cases) expect(formatFloat(value), text).toBe(text);
  });
});

describe('convention text', () => {
  const data = taggedLoads(
    '{"f":3.0,"n":NaN,"p":Infinity,"m":-Infinity,"z":-0.0,"big":123456789012345678901234567890}',
  ) as SessionData;
  it('shows NaN, ±Infinity, -0.0, big ints and 3.0 faithfully, not null or 0', () => {
    expect(conventionJson(toConvention(data))).toBe(
      '{"f":3.0,"n":NaN,"p":Infinity,"m":-Infinity,"z":-0.0,"big":123456789012345678901234567890}',
    );
    expect(displayText(data)).toContain('"n": NaN');
    expect(displayText({ x: [] as never, y: {} })).toBe('{\n  "x": [],\n  "y": {}\n}');
  });
  it('is safe for JSON.stringify: exact lexemes for 3.0, -0.0 and big ints', () => {
    expect(JSON.stringify(toConvention(data))).toBe(
      '{"f":3.0,"n":null,"p":null,"m":null,"z":-0.0,"big":123456789012345678901234567890}',
    );
  });
  it('reads back what it writes, to a session that signs the same bytes', () => {
    const again = parseConventionJson(conventionJson(toConvention(data))) as SessionData;
    const sign = (d: SessionData) => signSession(d, { secretKey: 'k', timestamp: 1700000000 });
    expect(sign(again)).toBe(sign(data));
  });
  it('reads {"x": 3.0} as a float and {"x": 3} as an int', () => {
    expect(taggedDumps(parseConventionJson('{"x": 3.0}'))).toBe('{"x":3.0}');
    expect(taggedDumps(parseConventionJson('{"x": 3}'))).toBe('{"x":3}');
  });
});

describe('pyStr and pyRepr', () => {
  it('prints an aware datetime as str(datetime) does', () => {
    expect(pyStr(new PyDatetime(1445412480))).toBe('2015-10-21 07:28:00+00:00');
    expect(pyStr(new PyDatetime(-62135596800))).toBe('0001-01-01 00:00:00+00:00');
  });
  it('prints floats and big ints as Python does', () => {
    expect(pyStr(new PyFloat(3))).toBe('3.0');
    expect(pyStr(Number.NaN)).toBe('nan');
    expect(pyStr(-0)).toBe('-0.0');
    expect(pyRepr([2n ** 70n, Number.NEGATIVE_INFINITY])).toBe('[1180591620717411303424, -inf]');
  });
});
