import { describe, expect, it } from 'vitest';
import { splitInlineCode } from '../../src/lib/inline-code.ts';

describe('splitInlineCode', () => {
  it('marks text between backticks as code', () => {
    expect(splitInlineCode('Call `session.clear()` first')).toEqual([
      { text: 'Call ', code: false },
      { text: 'session.clear()', code: true },
      { text: ' first', code: false },
    ]);
  });
  it('returns plain text unchanged', () => {
    expect(splitInlineCode('No code here')).toEqual([{ text: 'No code here', code: false }]);
  });
  it('keeps markup as text, for the renderer to escape', () => {
    expect(splitInlineCode('Store `<b>Ada</b>` as a name')[1]).toEqual({ text: '<b>Ada</b>', code: true });
  });
  it('keeps an unmatched backtick as a literal character', () => {
    expect(splitInlineCode('a `b` c ` d')).toEqual([
      { text: 'a ', code: false },
      { text: 'b', code: true },
      { text: ' c ` d', code: false },
    ]);
  });
});
