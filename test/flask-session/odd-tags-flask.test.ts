/**
 * Oddly tagged payloads, as a learner can forge them: the engine loads each to what Flask 2.2's
 * TaggedJSONSerializer gives (shown in the display convention), or fails where Flask raises.
 * Answers recorded by test/python/record_odd_tags.py (Flask 3.1.3 gives the same, except that it raises
 * StopIteration, not TypeError, for an empty `" di"`).
 */
import { describe, expect, it } from 'vitest';
import { toConvention } from '../../sandbox/cookie-tools/index.ts';
import { taggedLoads } from '../../sandbox/flask-session/index.ts';

/** [payload, Flask's result: { ok: value } or { error: the Python exception }]. */
const flask: Array<[string, { ok?: unknown; error?: string }]> = [
  ['{"v":{" d":""}}', { ok: { v: null } }],
  [
    '{"v":{" d":"Wed, 21 Oct 2015 07:28:00 GMT"}}',
    { ok: { v: { $datetime: 'Wed, 21 Oct 2015 07:28:00 GMT' } } },
  ],
  ['{"v":{" d":"garbage"}}', { ok: { v: null } }],
  ['{"v":{" d":[]}}', { ok: { v: null } }],
  ['{"v":{" d":[1]}}', { error: 'AttributeError' }],
  ['{"v":{" d":{}}}', { ok: { v: null } }],
  ['{"v":{" d":{"a":1}}}', { error: 'AttributeError' }],
  ['{"v":{" d":0}}', { ok: { v: null } }],
  ['{"v":{" d":1}}', { error: 'AttributeError' }],
  ['{"v":{" d":null}}', { ok: { v: null } }],
  ['{"v":{" d":false}}', { ok: { v: null } }],
  ['{"v":{" d":true}}', { error: 'AttributeError' }],
  ['{"v":{" d":{" b":""}}}', { ok: { v: null } }],
  ['{"v":{" d":{" b":"YQ=="}}}', { ok: { v: null } }],
  ['{"v":{" d":{" m":""}}}', { ok: { v: null } }],
  [
    '{"v":{" d":{" m":"Wed, 21 Oct 2015 07:28:00 GMT"}}}',
    { ok: { v: { $datetime: 'Wed, 21 Oct 2015 07:28:00 GMT' } } },
  ],
  ['{"v":{" d":{" t":[]}}}', { ok: { v: null } }],
  ['{"v":{" d":{" t":[1]}}}', { error: 'AttributeError' }],
  ['{"v":{" d":{" u":"12345678123456781234567812345678"}}}', { error: 'AttributeError' }],
  ['{"v":{" d":0.0}}', { ok: { v: null } }],
  ['{"v":{" d":-0.0}}', { ok: { v: null } }],
  ['{"v":{" d":1.5}}', { error: 'AttributeError' }],
  ['{"v":{" d":NaN}}', { error: 'AttributeError' }],
  ['{"v":{" d":100000000000000000000}}', { error: 'AttributeError' }],
  ['{"v":{" d":"  "}}', { ok: { v: null } }],
  ['{"v":{" d":{" d":"Wed, 21 Oct 2015 07:28:00 GMT"}}}', { error: 'AttributeError' }],
  ['{"v":{" d":{" m":"garbage"}}}', { ok: { v: null } }],
  ['{"v":{" t":[1,2]}}', { ok: { v: { $tuple: [1, 2] } } }],
  ['{"v":{" t":"ab"}}', { ok: { v: { $tuple: ['a', 'b'] } } }],
  ['{"v":{" t":{"a":1,"b":2}}}', { ok: { v: { $tuple: ['a', 'b'] } } }],
  ['{"v":{" t":{" b":"YWI="}}}', { ok: { v: { $tuple: [97, 98] } } }],
  ['{"v":{" t":{" m":"xy"}}}', { ok: { v: { $tuple: ['x', 'y'] } } }],
  ['{"v":{" t":5}}', { error: 'TypeError' }],
  ['{"v":{" t":null}}', { error: 'TypeError' }],
  ['{"v":{" t":[]}}', { ok: { v: { $tuple: [] } } }],
  ['{"v":{" t":{" t":[]}}}', { ok: { v: { $tuple: [] } } }],
  ['{"v":{" t":{" u":"12345678123456781234567812345678"}}}', { error: 'TypeError' }],
  ['{"v":{" t":true}}', { error: 'TypeError' }],
  ['{"v":{" t":1.5}}', { error: 'TypeError' }],
  ['{"v":{" t":{"2":0,"b":1,"1":2}}}', { ok: { v: { $tuple: ['2', 'b', '1'] } } }],
  ['{"v":{" t":"a\\ud83d\\ude00"}}', { ok: { v: { $tuple: ['a', '😀'] } } }],
  ['{"v":{" t":{"b":0,"4294967294":0}}}', { ok: { v: { $tuple: ['b', '4294967294'] } } }],
  ['{"v":{" t":{"b":0,"4294967295":0}}}', { ok: { v: { $tuple: ['b', '4294967295'] } } }],
  ['{"v":{" t":{"b":0,"12345678901":0}}}', { ok: { v: { $tuple: ['b', '12345678901'] } } }],
  ['{"v":{" t":{"b":0,"0":0}}}', { ok: { v: { $tuple: ['b', '0'] } } }],
  ['{"v":{" t":{"b":0,"01":0}}}', { ok: { v: { $tuple: ['b', '01'] } } }],
  ['{"v":{" b":"YQ=="}}', { ok: { v: { $bytes: 'YQ==' } } }],
  ['{"v":{" b":"YQ"}}', { error: 'Error' }],
  ['{"v":{" b":"Y Q = ="}}', { ok: { v: { $bytes: 'YQ==' } } }],
  ['{"v":{" b":{" m":"YQ=="}}}', { ok: { v: { $bytes: 'YQ==' } } }],
  ['{"v":{" b":{" b":"WVE9PQ=="}}}', { ok: { v: { $bytes: 'YQ==' } } }],
  ['{"v":{" b":5}}', { error: 'TypeError' }],
  ['{"v":{" b":"\\u00e9"}}', { error: 'ValueError' }],
  ['{"v":{" b":null}}', { error: 'TypeError' }],
  ['{"v":{" b":{" t":[]}}}', { error: 'TypeError' }],
  ['{"v":{" b":"YQ=\\u0080"}}', { error: 'ValueError' }],
  ['{"v":{" b":"\\u007f"}}', { ok: { v: { $bytes: '' } } }],
  ['{"v":{" b":true}}', { error: 'TypeError' }],
  ['{"v":{" b":["YQ=="]}}', { error: 'TypeError' }],
  ['{"v":{" b":{" m":"\\u00e9"}}}', { error: 'ValueError' }],
  ['{"v":{" b":{" b":"QVEtSUQ="}}}', { ok: { v: { $bytes: 'AQID' } } }],
  [
    '{"v":{" u":"12345678123456781234567812345678"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"{12345678-1234-5678-1234-567812345678}"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"urn:uuid:12345678-1234-5678-1234-567812345678"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  ['{"v":{" u":"-0000000000000000000000000000000"}}', { error: 'ValueError' }],
  ['{"v":{" u":"-0000000000000000000000000000001"}}', { error: 'ValueError' }],
  [
    '{"v":{" u":"0x000000000000000000000000000001"}}',
    { ok: { v: { $uuid: '00000000-0000-0000-0000-000000000001' } } },
  ],
  [
    '{"v":{" u":"1234_678123456781234567812345678"}}',
    { ok: { v: { $uuid: '01234678-1234-5678-1234-567812345678' } } },
  ],
  ['{"v":{" u":"1234567812345678123456781234567"}}', { error: 'ValueError' }],
  ['{"v":{" u":"g2345678123456781234567812345678"}}', { error: 'ValueError' }],
  ['{"v":{" u":5}}', { error: 'AttributeError' }],
  [
    '{"v":{" u":{" m":"12345678123456781234567812345678"}}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"{{12345678-1234-5678-1234-567812345678}}"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"}12345678123456781234567812345678{"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  ['{"v":{" u":"1234{5678-1234-5678-1234-567812345678"}}', { error: 'ValueError' }],
  [
    '{"v":{" u":" 2345678123456781234567812345678"}}',
    { ok: { v: { $uuid: '02345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"2345678123456781234567812345678 "}}',
    { ok: { v: { $uuid: '02345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"\\t2345678123456781234567812345678"}}',
    { ok: { v: { $uuid: '02345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"0X00000000000000000000000000001a"}}',
    { ok: { v: { $uuid: '00000000-0000-0000-0000-00000000001a' } } },
  ],
  [
    '{"v":{" u":"0x_0000000000000000000000000001a"}}',
    { ok: { v: { $uuid: '00000000-0000-0000-0000-00000000001a' } } },
  ],
  ['{"v":{" u":"0x__000000000000000000000000001a"}}', { error: 'ValueError' }],
  [
    '{"v":{" u":"123456781234567812345678123456_8"}}',
    { ok: { v: { $uuid: '01234567-8123-4567-8123-456781234568' } } },
  ],
  ['{"v":{" u":"1234567812345678123456781234567_"}}', { error: 'ValueError' }],
  [
    '{"v":{" u":"12345678123456781234567812345678uuid:"}}',
    { ok: { v: { $uuid: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" u":"+-000000000000000000000000000000a"}}',
    { ok: { v: { $uuid: '00000000-0000-0000-0000-00000000000a' } } },
  ],
  ['{"v":{" u":"234567812345678123456781234567g"}}', { error: 'ValueError' }],
  [
    '{"v":{" u":"ABCDEF78123456781234567812345678"}}',
    { ok: { v: { $uuid: 'abcdef78-1234-5678-1234-567812345678' } } },
  ],
  ['{"v":{" u":null}}', { error: 'TypeError' }],
  ['{"v":{" u":{" b":"YQ=="}}}', { error: 'TypeError' }],
  ['{"v":{" di":{"ab  ":1}}}', { ok: { v: { ab: 1 } } }],
  ['{"v":{" di":{"x":1,"y":2}}}', { ok: { v: { '': 1 } } }],
  ['{"v":{" di":{}}}', { error: 'TypeError' }],
  ['{"v":{" di":5}}', { error: 'TypeError' }],
  ['{"v":{" di":[]}}', { error: 'TypeError' }],
  ['{"v":{" di":{"4294967294__":1,"b__":2}}}', { ok: { v: { '4294967294': 1 } } }],
  ['{"v":{" di":{"b__":1,"4294967294__":2}}}', { ok: { v: { b: 1 } } }],
  ['{"v":{" di":{"\\ud83d\\ude00__":1}}}', { ok: { v: { '😀': 1 } } }],
  ['{"v":{" di":{"a\\ud83d\\ude00":1}}}', { ok: { v: { '': 1 } } }],
  ['{"v":{" m":5}}', { ok: { v: { $markup: '5' } } }],
  ['{"v":{" m":null}}', { ok: { v: { $markup: 'None' } } }],
  ['{"v":{" m":[1]}}', { ok: { v: { $markup: '[1]' } } }],
  ['{"v":{" m":"<b>"}}', { ok: { v: { $markup: '<b>' } } }],
  ['{"v":{" m":{" b":"YQ=="}}}', { ok: { v: { $markup: "b'a'" } } }],
  ['{"v":{" m":{" t":[1]}}}', { ok: { v: { $markup: '(1,)' } } }],
  [
    '{"v":{" m":{" u":"12345678123456781234567812345678"}}}',
    { ok: { v: { $markup: '12345678-1234-5678-1234-567812345678' } } },
  ],
  [
    '{"v":{" m":{" d":"Wed, 21 Oct 2015 07:28:00 GMT"}}}',
    { ok: { v: { $markup: '2015-10-21 07:28:00+00:00' } } },
  ],
  ['{"v":{" m":true}}', { ok: { v: { $markup: 'True' } } }],
  ['{"v":{" m":1.5}}', { ok: { v: { $markup: '1.5' } } }],
];

describe('taggedLoads on oddly tagged values agrees with Flask', () => {
  it.each(flask)('on %s', (payload, answer) => {
    if (answer.error === undefined) expect(toConvention(taggedLoads(payload))).toEqual(answer.ok);
    else expect(() => taggedLoads(payload)).toThrow();
  });
});
