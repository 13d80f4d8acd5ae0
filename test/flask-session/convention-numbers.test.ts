/**
 * The display convention keeps Python's numbers exact: an int past 2^53 held as a JavaScript
 * number is written with all its digits, and a raw lexeme reads back as the Python number it names.
 */
import { describe, expect, it } from 'vitest';
import { fromConvention, toConvention } from '../../sandbox/flask-session/convention.ts';
import { PyFloat } from '../../sandbox/flask-session/values.ts';

const rawJSON = (JSON as unknown as { rawJSON(text: string): object }).rawJSON;

describe('convention numbers', () => {
  it('writes a whole number past 2^53 with its digits, as Python prints the int', () => {
    expect(JSON.stringify(toConvention({ n: 1e21 }))).toBe('{"n":1000000000000000000000}');
    expect(JSON.stringify(toConvention({ n: 2 ** 53 }))).toBe('{"n":9007199254740992}');
  });
  it('reads a raw lexeme back as the number it names', () => {
    expect(fromConvention(rawJSON('3.0'))).toEqual(new PyFloat(3));
    expect(fromConvention({ big: rawJSON('12345678901234567890') })).toEqual({ big: 12345678901234567890n });
  });
});
