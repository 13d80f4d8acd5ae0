/** The one convention-JSON parser of the CLI's `sign --json` and the forge lab. */
import { describe, expect, it } from 'vitest';
import { parseSessionJson, SessionJsonError } from '../../sandbox/cookie-tools/index.ts';
import { PyTuple } from '../../sandbox/flask-session/values.ts';

const problemOf = (text: string, limits = {}) => {
  try {
    parseSessionJson(text, limits);
    return 'parsed';
  } catch (error) {
    if (!(error instanceof SessionJsonError)) throw error;
    return error.problem;
  }
};

describe('parseSessionJson', () => {
  it('reads the tag convention into session values', () => {
    expect(parseSessionJson('{"cart": {"$tuple": [1, "a"]}, "n": 2}')).toEqual({
      cart: new PyTuple([1, 'a']),
      n: 2,
    });
  });
  it('names each problem', () => {
    expect(problemOf('{oops')).toBe('not-json');
    expect(problemOf('[1]')).toBe('not-a-dict');
    expect(problemOf('{"x": {"$tuple": 5}}')).toBe('not-a-value');
    expect(problemOf('{"a": 1}', { maxLength: 3 })).toBe('too-long');
    expect(problemOf('{"a": [[[1]]]}', { maxDepth: 3 })).toBe('too-deep');
    expect(problemOf('{"a": [[1]]}', { maxDepth: 3 })).toBe('parsed');
  });
  it('stops counting depth early for very deep input', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(problemOf(`{"a": ${deep}}`, { maxDepth: 16 })).toBe('too-deep');
  });
});
