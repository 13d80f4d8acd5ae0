import { describe, expect, it } from 'vitest';
import {
  lessonPath,
  lessonSlug,
  neighbours,
  type OrderedEntry,
  orderLessons,
} from '../../src/lib/lessons.ts';

const entry = (id: string, order: number): OrderedEntry => ({
  id,
  filePath: `lessons/${id}.md`,
  data: { order, title: id },
});

describe('lessonSlug', () => {
  it('drops the number prefix of the file name', () => {
    expect(lessonSlug('02-the-secret-key')).toBe('the-secret-key');
  });
  it('keeps a name without a prefix', () => {
    expect(lessonSlug('extra-reading')).toBe('extra-reading');
  });
  it('uses only the last part of a nested id', () => {
    expect(lessonSlug('part-one/03-starting-over')).toBe('starting-over');
  });
});

describe('lessonPath', () => {
  it('puts lessons under /learn/ with a trailing slash', () => {
    expect(lessonPath('the-import')).toBe('/learn/the-import/');
  });
});

describe('orderLessons', () => {
  it('sorts by order, not by file name', () => {
    const ordered = orderLessons([entry('10-b', 10), entry('2-a', 2), entry('0-c', 0)]);
    expect(ordered.map((lesson) => lesson.id)).toEqual(['0-c', '2-a', '10-b']);
  });
  it('does not change the list it was given', () => {
    const list = [entry('1-b', 1), entry('0-a', 0)];
    orderLessons(list);
    expect(list.map((lesson) => lesson.id)).toEqual(['1-b', '0-a']);
  });
  it('names both files when two share an order', () => {
    expect(() => orderLessons([entry('01-a', 1), entry('01-b', 1)])).toThrow(
      'Lessons "lessons/01-a.md" and "lessons/01-b.md" both have `order: 1`. Give each lesson a different order number.',
    );
  });
  it('names both files when two would share a URL', () => {
    expect(() => orderLessons([entry('01-intro', 1), entry('02-intro', 2)])).toThrow(
      /both be published at \/learn\/intro\//,
    );
  });
});

describe('neighbours', () => {
  const list = ['zero', 'one', 'two'];
  it('has no previous step for the first', () => {
    expect(neighbours(list, 0)).toEqual({ previous: undefined, next: 'one' });
  });
  it('links both ways in the middle', () => {
    expect(neighbours(list, 1)).toEqual({ previous: 'zero', next: 'two' });
  });
  it('has no next step for the last', () => {
    expect(neighbours(list, 2)).toEqual({ previous: 'one', next: undefined });
  });
  it('is empty for a position outside the list', () => {
    expect(neighbours(list, 3)).toEqual({});
    expect(neighbours(list, -1)).toEqual({});
  });
});
