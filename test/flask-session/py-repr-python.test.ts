/**
 * Python's repr() and str() of session values, as the sandbox's Jinja output shows a non-string
 * value: answers recorded from CPython 3 (/usr/bin/python3, markupsafe's Markup) for values given in
 * the display convention. Left out where the engine knowingly differs: str() of a datetime (RFC 1123
 * here) and huge whole floats such as 1.5e300 (a JavaScript number cannot tell them from ints).
 */
import { describe, expect, it } from 'vitest';
import { fromConvention } from '../../sandbox/cookie-tools/index.ts';
import { pyRepr, pyStr } from '../../sandbox/flask-session/py-repr.ts';

/** [value in the display convention, Python's repr(), Python's str() (null: not compared)]. */
const python: Array<[unknown, string, string | null]> = [
  [null, 'None', 'None'],
  [true, 'True', 'True'],
  [false, 'False', 'False'],
  [0, '0', '0'],
  [42, '42', '42'],
  [-7, '-7', '-7'],
  [0.1, '0.1', '0.1'],
  [1.5, '1.5', '1.5'],
  [-2.25, '-2.25', '-2.25'],
  [1e-7, '1e-07', '1e-07'],
  [123456789.125, '123456789.125', '123456789.125'],
  ['', "''", ''],
  ['plain', "'plain'", 'plain'],
  ["it's", '"it\'s"', "it's"],
  ['say "hi"', '\'say "hi"\'', 'say "hi"'],
  ['both \' and "', "'both \\' and \"'", 'both \' and "'],
  ['back\\slash', "'back\\\\slash'", 'back\\slash'],
  ['tab\there', "'tab\\there'", 'tab\there'],
  ['line\nbreak\r', "'line\\nbreak\\r'", 'line\nbreak\r'],
  ['\u0000\u001f\u007f', "'\\x00\\x1f\\x7f'", '\u0000\u001f\u007f'],
  ['caf\u00e9', "'caf\u00e9'", 'caf\u00e9'],
  ['\u00a0nbsp', "'\\xa0nbsp'", '\u00a0nbsp'],
  ['\u200bzw', "'\\u200bzw'", '\u200bzw'],
  ['\u2028ls', "'\\u2028ls'", '\u2028ls'],
  ['\ud7ff', "'\\ud7ff'", '\ud7ff'],
  ['\ud83d\ude00', "'\ud83d\ude00'", '\ud83d\ude00'],
  ['\ue000private', "'\\ue000private'", '\ue000private'],
  ['\udb40\udc01tag', "'\\U000e0001tag'", '\udb40\udc01tag'],
  [[], '[]', '[]'],
  [[1, 'a', null], "[1, 'a', None]", "[1, 'a', None]"],
  [{ $tuple: [] }, '()', '()'],
  [{ $tuple: [1] }, '(1,)', '(1,)'],
  [{ $tuple: [1, 'b', [true]] }, "(1, 'b', [True])", "(1, 'b', [True])"],
  [{ $bytes: '' }, "b''", "b''"],
  [{ $bytes: 'AAEC/w==' }, "b'\\x00\\x01\\x02\\xff'", "b'\\x00\\x01\\x02\\xff'"],
  [
    { $bytes: 'aXQncyAicSIgXCAKCX5/' },
    "b'it\\'s \"q\" \\\\ \\n\\t~\\x7f'",
    "b'it\\'s \"q\" \\\\ \\n\\t~\\x7f'",
  ],
  [{ $markup: "<b>it's</b>" }, 'Markup("<b>it\'s</b>")', "<b>it's</b>"],
  [
    { $uuid: '12345678-1234-5678-1234-567812345678' },
    "UUID('12345678-1234-5678-1234-567812345678')",
    '12345678-1234-5678-1234-567812345678',
  ],
  [
    { $datetime: 'Wed, 21 Oct 2015 07:28:00 GMT' },
    'datetime.datetime(2015, 10, 21, 7, 28, tzinfo=datetime.timezone.utc)',
    null,
  ],
  [
    { $datetime: 'Wed, 21 Oct 2015 07:28:07 GMT' },
    'datetime.datetime(2015, 10, 21, 7, 28, 7, tzinfo=datetime.timezone.utc)',
    null,
  ],
  [
    { $datetime: 'Thu, 01 Jan 1970 00:00:00 GMT' },
    'datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)',
    null,
  ],
  [
    { a: 1, "it's": [null, { $tuple: ['x'] }], '': {} },
    "{'a': 1, \"it's\": [None, ('x',)], '': {}}",
    "{'a': 1, \"it's\": [None, ('x',)], '': {}}",
  ],
];

describe('pyRepr and pyStr agree with Python', () => {
  it.each(python)('on %j', (json, repr, str) => {
    const value = fromConvention(json);
    expect(pyRepr(value)).toBe(repr);
    if (str !== null) expect(pyStr(value)).toBe(str);
  });
});
