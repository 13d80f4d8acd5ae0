import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromConvention, toConvention } from '../../sandbox/flask-session/convention.ts';
import { compareCodePoints, formatNumber, formatString } from '../../sandbox/flask-session/json-format.ts';
import { parsePythonJson } from '../../sandbox/flask-session/json-parse.ts';
import {
  isArrayIndexKey,
  pyTruthy,
  taggedDumps,
  taggedLoads,
} from '../../sandbox/flask-session/tagged-json.ts';
import {
  PyBytes,
  PyDatetime,
  PyFloat,
  PyMarkup,
  PyTuple,
  PyUUID,
} from '../../sandbox/flask-session/values.ts';
import { session } from './arbitraries.ts';
import { vectors } from './vectors.ts';

describe('formatString', () => {
  it('escapes like Python ensure_ascii, astral characters as surrogate pairs', () => {
    expect(formatString('José 😀')).toBe('"Jos\\u00e9 \\ud83d\\ude00"');
    expect(formatString('q" b\\ /\n\t\r\b\f\u0001\u007f')).toBe(
      '"q\\" b\\\\ /\\n\\t\\r\\b\\f\\u0001\\u007f"',
    );
  });
  it('escapes lone surrogates as themselves', () => {
    expect(formatString('\ud800x')).toBe('"\\ud800x"');
  });
});

describe('formatNumber', () => {
  it('writes integers as Python ints, also past 2^53', () => {
    expect(formatNumber(9007199254740991)).toBe('9007199254740991');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
  });
  it("writes floats as Python's repr", () => {
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1.5e-5)).toBe('1.5e-05');
    expect(formatNumber(0.0001)).toBe('0.0001');
    expect(formatNumber(123456789012345.6)).toBe('123456789012345.6');
    expect(formatNumber(5e-324)).toBe('5e-324');
    expect(formatNumber(-2.25)).toBe('-2.25');
  });
  it('writes NaN, infinities and -0 as Python json.dumps does', () => {
    expect([Number.NaN, Infinity, -Infinity, -0].map(formatNumber)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      '-0.0',
    ]);
  });
});

describe('compareCodePoints', () => {
  it('sorts astral characters after U+E000–U+FFFF, unlike UTF-16 order', () => {
    expect(['😀', '\uffff', 'a'].sort(compareCodePoints)).toEqual(['a', '\uffff', '😀']);
    expect(['😀', '\uffff'].sort()).toEqual(['😀', '\uffff']);
  });
  it('puts a prefix first', () => {
    expect(['ab', 'a'].sort(compareCodePoints)).toEqual(['a', 'ab']);
  });
});

describe('parsePythonJson', () => {
  const parse = (text: string) => parsePythonJson(text, (m) => Object.fromEntries(m));
  it('accepts NaN and Infinity literals and keeps lone surrogate escapes', () => {
    expect(parse('[NaN,Infinity,-Infinity,"\\ud800"]')).toEqual([Number.NaN, Infinity, -Infinity, '\ud800']);
  });
  it('rejects what Python rejects', () => {
    for (const bad of [
      '',
      '[1,]',
      '{"a":1,}',
      '01',
      '"\u0001"',
      '\ufeff{}',
      '{} x',
      "{'a':1}",
      '1.',
      '"\\x"',
    ]) {
      expect(() => parse(bad), bad).toThrow();
    }
  });
  it('refuses ints of more than 4300 digits and nesting near 1000 levels', () => {
    expect(() => parse('1'.repeat(4301))).toThrow();
    expect(() => parse(`${'['.repeat(1000)}${']'.repeat(1000)}`)).toThrow();
    expect(parse(`${'['.repeat(900)}${']'.repeat(900)}`)).toBeDefined();
  });
  it('keeps the last value of a duplicate key', () => {
    expect(parse('{"a":1,"a":2}')).toEqual({ a: 2 });
  });
});

describe('taggedDumps', () => {
  it('gives the exact payload text of every oracle vector', () => {
    for (const v of vectors.vectors) expect(taggedDumps(fromConvention(v.session)), v.name).toBe(v.payload);
  });
  it('tags each Python type', () => {
    const value = {
      t: new PyTuple([1, 'a']),
      b: new PyBytes(Uint8Array.from([1, 2, 3])),
      m: new PyMarkup('<i>'),
      u: new PyUUID('12345678-1234-5678-1234-567812345678'),
      d: new PyDatetime(1445412480),
    };
    expect(taggedDumps(value)).toBe(
      '{"b":{" b":"AQID"},"d":{" d":"Wed, 21 Oct 2015 07:28:00 GMT"},"m":{" m":"<i>"},"t":{" t":[1,"a"]},"u":{" u":"12345678123456781234567812345678"}}',
    );
  });
  it('escapes a one-key dict whose key is a tag with " di"', () => {
    expect(taggedDumps({ ' t': 1 })).toBe('{" di":{" t__":1}}');
  });
  it('refuses values that are not session values', () => {
    expect(() => taggedDumps({ a: undefined } as never)).toThrow(TypeError);
    expect(() => taggedDumps({ a: new Date() } as never)).toThrow('not JSON serializable');
  });
});

describe('taggedLoads', () => {
  it('loads every oracle vector payload to its session', () => {
    for (const v of vectors.vectors) expect(toConvention(taggedLoads(v.payload)), v.name).toEqual(v.session);
  });
  it('round-trips any session unchanged', () => {
    fc.assert(
      fc.property(session, (s) => {
        expect(taggedLoads(taggedDumps(s))).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });
  it("follows Flask's conversions for odd tagged values", () => {
    expect(taggedLoads('{" t":"ab"}')).toEqual(new PyTuple(['a', 'b']));
    expect(taggedLoads('{" t":{"2":0,"1":0}}')).toEqual(new PyTuple(['2', '1']));
    expect(taggedLoads('{" di":{"2__":0,"1__":0}}')).toEqual({ '2': 0 });
    expect(taggedLoads('{" m":5}')).toEqual(new PyMarkup('5'));
    expect(taggedLoads('{" m":[1,"a",null]}')).toEqual(new PyMarkup("[1, 'a', None]"));
    expect(taggedLoads('{" u":"{urn:12345678-1234-5678-1234-567812345678}"}')).toEqual(
      new PyUUID('12345678123456781234567812345678'),
    );
    expect(taggedLoads('{" u":"+2345678123456781234567812345678"}')).toEqual(
      new PyUUID('02345678123456781234567812345678'),
    );
    expect(taggedLoads('{" d":"Wed, 21 Oct 15 07:28:00 EST"}')).toEqual(new PyDatetime(1445430480));
    expect(taggedLoads('{" d":0}')).toBeNull();
    expect(taggedLoads('{" m":{"a":[1.5,true]}}')).toEqual(new PyMarkup("{'a': [1.5, True]}"));
    expect(taggedLoads('{" d":"not a date"}')).toBeNull();
    expect(taggedLoads('{" d":"21 Oct 2015 09:28 +0200"}')).toEqual(new PyDatetime(1445412480));
    expect(taggedLoads('{" b":"AQ-ID"}')).toEqual(new PyBytes(Uint8Array.from([1, 2, 3])));
  });
  it('throws where Flask raises', () => {
    for (const bad of [
      '{" u":"xyz"}',
      '{" t":5}',
      '{" di":"x"}',
      '{" di":{}}',
      '{" b":"é"}',
      '{" d":5}',
      '{" b":"abcde"}',
    ]) {
      expect(() => taggedLoads(bad), bad).toThrow();
    }
  });
  it('keeps a "__proto__" key as data', () => {
    const loaded = taggedLoads('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.keys(loaded)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('what taggedDumps and taggedLoads say when they refuse', () => {
  it('names the type that is not a session value', () => {
    expect(() => taggedDumps({ a: new Date(0) } as never)).toThrow(
      'Object of type Date is not JSON serializable',
    );
    expect(() => taggedDumps({ a: undefined } as never)).toThrow(
      'Object of type undefined is not JSON serializable',
    );
    const noConstructor = Object.create(Object.create(null));
    expect(() => taggedDumps({ a: noConstructor } as never)).toThrow(
      'Object of type object is not JSON serializable',
    );
  });
  it("says why a tag's value cannot be loaded", () => {
    const refusals: Array<[string, string]> = [
      ['{" di":5}', "' di' needs a dict"],
      ['{" di":{}}', "' di' needs a non-empty dict (StopIteration)"],
      ['{" t":null}', "'NoneType' object is not iterable"],
      ['{" t":5}', "'number' object is not iterable"],
      ['{" b":5}', 'argument should be a bytes-like object or ASCII string'],
      ['{" b":"\\u00e9"}', 'string argument should contain only ASCII characters'],
      ['{" u":5}', 'UUID needs a string'],
      ['{" u":"1234567"}', 'badly formed hexadecimal UUID string'],
      ['{" u":"g2345678123456781234567812345678"}', 'badly formed hexadecimal UUID string'],
      ['{" d":1}', "object has no attribute 'split'"],
    ];
    for (const [payload, message] of refusals) expect(() => taggedLoads(payload), payload).toThrow(message);
  });
  it('names the Python error when a value nests too deeply to save', () => {
    expect(() => taggedDumps([[1]], 5)).toThrow('nested too deeply for Flask to save (RecursionError)');
  });
});

describe('isArrayIndexKey', () => {
  it('is true only for the keys JavaScript lists first: canonical integers up to 2^32 - 2', () => {
    for (const key of ['0', '7', '1234567890', '4294967294']) expect(isArrayIndexKey(key), key).toBe(true);
    for (const key of ['', '01', '-1', '1.5', 'a1', '1a', ' 1', '4294967295', '12345678901'])
      expect(isArrayIndexKey(key), key).toBe(false);
  });
});

describe('pyTruthy', () => {
  it('is false for what Python finds falsy', () => {
    const falsy = [
      null,
      false,
      0,
      0n,
      -0,
      '',
      new PyFloat(0),
      [],
      new PyTuple([]),
      new PyBytes(new Uint8Array()),
    ];
    for (const value of [...falsy, new PyMarkup(''), {}]) expect(pyTruthy(value), String(value)).toBe(false);
  });
  it('is true for everything else', () => {
    const truthy = [true, 1, 1n, 'x', new PyFloat(2), [0], new PyTuple([0]), new PyBytes(Uint8Array.of(0))];
    const more = [new PyMarkup('<'), { a: 0 }, Number.NaN, new PyDatetime(0), new PyUUID('0'.repeat(32))];
    for (const value of [...truthy, ...more]) expect(pyTruthy(value), String(value)).toBe(true);
  });
});
