/**
 * Why a payload's JSON does not parse, as the anatomy shows it: the reason and position Python's
 * `json.loads` gives (recorded with Python 3's json; it adds the line and column, we give the char).
 */
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parsePythonJson } from '../../sandbox/flask-session/json-parse.ts';

/** [text, Python's reason, Python's char]. */
const pythonErrors: Array<[string, string, number]> = [
  ['', 'Expecting value', 0],
  ['{"a":1} x', 'Extra data', 8],
  ['"abc', 'Unterminated string starting at', 0],
  ['"a\u0001"', 'Invalid control character at', 2],
  ['"\\u12x4"', 'Invalid \\uXXXX escape', 2],
  ['"\\q"', 'Invalid \\escape', 1],
  ['{1:2}', 'Expecting property name enclosed in double quotes', 1],
  ['[1,]', 'Expecting value', 3],
  ['{"a" 1}', "Expecting ':' delimiter", 5],
  ['{"a":1 "b"}', "Expecting ',' delimiter", 7],
  ['[1 2]', "Expecting ',' delimiter", 3],
  ['nul', 'Expecting value', 0],
  ['-', 'Expecting value', 0],
  ['\ufeff1', 'Unexpected UTF-8 BOM (decode using utf-8-sig)', 0],
  ['{"a":1,}', 'Expecting property name enclosed in double quotes', 7],
  ['[', 'Expecting value', 1],
  ['{', 'Expecting property name enclosed in double quotes', 1],
];

describe('JSON syntax errors', () => {
  it.each(pythonErrors)('%j: %s at char %i, as Python says', (text, reason, char) => {
    expect(() => parsePythonJson(text, (object) => object)).toThrow(
      new JsonSyntaxError(`${reason}: char ${char}`),
    );
  });
});
