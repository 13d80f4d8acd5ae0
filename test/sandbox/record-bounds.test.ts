/**
 * The caps on an exchange record (the inspector embeds it in a page and carries it in `?trace=`):
 * what is kept whole right at each limit, what is cut one past it and how the cut is noted, and
 * that a record is marked `truncated` exactly when something had to go.
 */
import { describe, expect, it } from 'vitest';
import {
  boundRecord,
  depthOf,
  MAX_RECORD_CHARS,
  MAX_RECORD_DEPTH,
  MAX_RECORD_ENTRIES,
  MAX_RECORD_STRING,
  shorten,
} from '../../sandbox/recorder/bounds.ts';

/** A record as the recorder builds it, with `after` as the learner's session. */
function recordWith(after: unknown, summary = 'Stored firstName in the session.') {
  return { summary, action: 'store', session: { status: 'valid', before: { firstName: 'Phill' }, after } };
}

/** `levels` objects nested in one another, innermost holding `leaf`. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('shorten', () => {
  it('keeps a string of exactly the limit whole and notes how much of a longer one was left out', () => {
    expect(shorten('abcd', 4)).toBe('abcd');
    expect(shorten('abcdef', 4)).toBe('abcd… [2 more characters]');
  });

  it('replaces what nests deeper than the limit by a note, in objects and in lists', () => {
    expect(shorten(nested(2), 100, 2)).toEqual({ a: { a: 1 } });
    expect(shorten(nested(3), 100, 2)).toEqual({ a: { a: '[nested deeper than 2 levels: not shown]' } });
    expect(shorten([[1]], 100, 2)).toEqual([[1]]);
    expect(shorten([[[1]]], 100, 2)).toEqual([['[nested deeper than 2 levels: not shown]']]);
  });

  it('keeps the first entries of a list or object and counts the rest', () => {
    expect(shorten([1, 2, 3], 100, 5, 3)).toEqual([1, 2, 3]);
    expect(shorten([1, 2, 3, 4, 5], 100, 5, 3)).toEqual([1, 2, 3, '[2 more items]']);
    expect(shorten({ a: 1, b: 2 }, 100, 5, 2)).toEqual({ a: 1, b: 2 });
    expect(shorten({ a: 1, b: 2, c: 3, d: 4 }, 100, 5, 2)).toEqual({ a: 1, b: 2, '…': '[2 more keys]' });
  });

  it('cuts inside lists and objects too', () => {
    expect(shorten({ name: ['abcdef'] }, 4)).toEqual({ name: ['abcd… [2 more characters]'] });
  });

  it('keeps a learner\'s "__proto__" key as a plain key', () => {
    const cut = shorten(JSON.parse('{"__proto__":{"isAdmin":true},"x":"abcdef"}'), 4) as object;
    expect(Object.keys(cut)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(cut)).toBe('{"__proto__":{"isAdmin":true},"x":"abcd… [2 more characters]"}');
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});

describe('boundRecord', () => {
  it('returns a small record as it is, not marked', () => {
    const record = recordWith({ firstName: 'Ada', colours: ['teal'] });
    expect(boundRecord(record)).toBe(record);
  });

  it('keeps a record whole when only its worst-case size estimate is over the cap', () => {
    // Two strings within the string cap: about 32 KB of JSON, but counted as 6 characters each.
    const record = recordWith({ a: 'x'.repeat(MAX_RECORD_STRING), b: 'y'.repeat(MAX_RECORD_STRING) });
    expect(JSON.stringify(record).length).toBeLessThan(MAX_RECORD_CHARS);
    expect(boundRecord(record)).toBe(record);
  });

  it('cuts a string past the cap and marks the record', () => {
    const bounded = boundRecord(recordWith({ firstName: 'x'.repeat(MAX_RECORD_STRING + 3) }));
    expect(bounded).toMatchObject({ truncated: true, session: { before: { firstName: 'Phill' } } });
    expect(bounded.session.after).toEqual({
      firstName: `${'x'.repeat(MAX_RECORD_STRING)}… [3 more characters]`,
    });
  });

  it('keeps a string of exactly the cap whole', () => {
    const record = recordWith({ firstName: 'x'.repeat(MAX_RECORD_STRING) });
    expect(boundRecord(record)).toBe(record);
  });

  it('cuts nesting past the cap and marks the record; nesting right at the cap is kept', () => {
    // The record's own levels (the record, its session) come before the learner's value.
    const atCap = recordWith(nested(MAX_RECORD_DEPTH - 2));
    expect(depthOf(atCap, MAX_RECORD_DEPTH)).toBe(MAX_RECORD_DEPTH);
    expect(boundRecord(atCap)).toBe(atCap);

    const bounded = boundRecord(recordWith(nested(MAX_RECORD_DEPTH - 1)));
    expect(bounded).toMatchObject({ truncated: true });
    expect(depthOf(bounded, 100)).toBe(MAX_RECORD_DEPTH);
    expect(JSON.stringify(bounded)).toContain(`[nested deeper than ${MAX_RECORD_DEPTH} levels: not shown]`);
  });

  it('cuts a list or an object with too many entries and marks the record', () => {
    const many = Array.from({ length: MAX_RECORD_ENTRIES + 2 }, (_, i) => i);
    const list = boundRecord(recordWith(many));
    expect(list).toMatchObject({ truncated: true });
    expect(list.session.after).toEqual([...many.slice(0, MAX_RECORD_ENTRIES), '[2 more items]']);

    const keys = Object.fromEntries(many.map((i) => [`k${i}`, i]));
    const object = boundRecord(recordWith(keys)).session.after as Record<string, unknown>;
    expect(Object.keys(object)).toHaveLength(MAX_RECORD_ENTRIES + 1);
    expect(object['…']).toBe('[2 more keys]');

    const atCap = recordWith(many.slice(0, MAX_RECORD_ENTRIES));
    expect(boundRecord(atCap)).toBe(atCap);
  });

  it('drops the session views of a record still too big once cut, keeping its summary whole', () => {
    // Every string within the cap, but 10 of them are more than the record may hold.
    const after = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`k${i}`, 'x'.repeat(MAX_RECORD_STRING)]),
    );
    const summary = `Ran the lab experiment "${'s'.repeat(600)}".`;
    const bounded = boundRecord({ ...recordWith(after, summary), note: 'n'.repeat(600) });
    expect(bounded).toMatchObject({ truncated: true, summary, action: 'store' });
    expect(bounded.session).toEqual({ status: 'valid', before: {}, after: {} });
    expect(bounded.note).toBe(`${'n'.repeat(512)}… [88 more characters]`);
    expect(JSON.stringify(bounded).length).toBeLessThan(MAX_RECORD_CHARS);
  });

  it('keeps the session views when the cut record fits', () => {
    const bounded = boundRecord(recordWith({ a: 'x'.repeat(MAX_RECORD_STRING + 1) }));
    expect(bounded.session.before).toEqual({ firstName: 'Phill' });
    expect(bounded.summary).toBe('Stored firstName in the session.');
  });
});

describe('depthOf', () => {
  it('counts the levels of objects and lists, and stops looking past the limit', () => {
    expect(depthOf('x', 5)).toBe(0);
    expect(depthOf([], 5)).toBe(1);
    expect(depthOf({ a: [{ b: 1 }] }, 5)).toBe(3);
    expect(depthOf(nested(50), 5)).toBe(6);
  });
});
