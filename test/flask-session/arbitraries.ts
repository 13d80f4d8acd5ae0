/** fast-check generators for session values (unicode incl. astral, nesting, tagged values, big payloads). */
import fc from 'fast-check';
import {
  PyBytes,
  PyDatetime,
  PyFloat,
  PyMarkup,
  PyTuple,
  PyUUID,
  type PyValue,
  type SessionData,
} from '../../sandbox/flask-session/index.ts';
import { setKey } from '../../sandbox/flask-session/values.ts';

/** Any Unicode text (astral characters included, no lone surrogates), sometimes long and repetitive. */
export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.integer({ min: 5, max: 80 }))
      .map(([s, n]) => s.repeat(n)),
  },
);

/** Keys, including the tag and marker keys that need escaping, and `__proto__`. */
export const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ' t',
      ' di',
      ' b',
      ' m',
      ' u',
      ' d',
      ' x',
      '$tuple',
      '$dict',
      '__proto__',
      '10',
      '2',
      '0',
      '007',
      '4294967294',
      '4294967295',
      '-1',
    ),
  },
);

/**
 * Python numbers, including those JavaScript alone would blur: whole floats (`3.0`, `1e16`,
 * `1e21`), -0.0, NaN, ±Infinity and ints beyond 2^53 (bigints).
 */
export const number: fc.Arbitrary<PyValue> = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.constantFrom(3, 0, 1e16, 1e21, 1e22, -5, 2 ** 53, 1e300).map((x) => new PyFloat(x)),
  fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 })
    .map((x) => new PyFloat(Math.trunc(x) || 0)),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-7, 1e-5, 0.1),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }).filter((n) => n > 2n ** 53n || n < -(2n ** 53n)),
);

/** Dates Flask round-trips (it reads two-digit years as 19xx/20xx, so years start at 100). */
export const datetime: fc.Arbitrary<PyDatetime> = fc
  .integer({ min: -59011459200, max: 253402300799 })
  .map((s) => new PyDatetime(s));

function dict(value: fc.Arbitrary<PyValue>): fc.Arbitrary<{ [key: string]: PyValue }> {
  return fc.array(fc.tuple(key, value), { maxLength: 5 }).map((entries) => {
    const out: { [key: string]: PyValue } = {};
    for (const [k, v] of entries) setKey(out, k, v);
    return out;
  });
}

/** Any session value, nested a few levels. */
export const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.uint8Array({ maxLength: 40 }).map((b) => new PyBytes(b)),
    text.map((t) => new PyMarkup(t)),
    fc.uuid().map((u) => new PyUUID(u)),
    datetime,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => new PyTuple(items)),
    dict(tie('value')),
  ),
})).value;

/** A whole session. */
export const session: fc.Arbitrary<SessionData> = dict(pyValue);
