import { describe, expect, it } from 'vitest';
import { describeDiff, diffSessions } from '../../src/lib/inspector/diff.ts';

describe('diffSessions', () => {
  it('reports nothing for equal sessions', () => {
    expect(diffSessions({}, {})).toEqual([]);
    expect(diffSessions({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
  it('reports added, changed and removed keys in key order', () => {
    expect(diffSessions({ firstName: 'Ada', lang: 'en' }, { firstName: 'Bob', admin: true })).toEqual([
      { key: 'admin', kind: 'added', after: true },
      { key: 'firstName', kind: 'changed', before: 'Ada', after: 'Bob' },
      { key: 'lang', kind: 'removed', before: 'en' },
    ]);
  });
  it('compares nested values by content', () => {
    expect(diffSessions({ cart: ['apple'] }, { cart: ['apple', 'pear'] })).toEqual([
      { key: 'cart', kind: 'changed', before: ['apple'], after: ['apple', 'pear'] },
    ]);
  });
  it('treats a key holding null as present', () => {
    expect(diffSessions({ a: null }, {})).toEqual([{ key: 'a', kind: 'removed', before: null }]);
  });
});

describe('describeDiff', () => {
  it('lists the changes in a few words', () => {
    expect(describeDiff(diffSessions({ lang: 'en' }, { firstName: 'Ada' }))).toBe(
      'added firstName, removed lang',
    );
    expect(describeDiff([])).toBe('nothing');
  });
});
