import { describe, expect, it } from 'vitest';
import {
  latestOfEngine,
  mergeExchanges,
  parseExchanges,
  previousOfEngine,
  timelineLimit,
} from '../../src/lib/inspector/timeline.ts';
import { exchange } from './exchange-fixture.ts';

describe('mergeExchanges', () => {
  it('appends new records after the old ones', () => {
    const [a, b, c] = [exchange(), exchange(), exchange()];
    expect(mergeExchanges([a], [b, c]).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });
  it('skips records already in the timeline, and duplicates within the batch', () => {
    const [a, b] = [exchange(), exchange()];
    expect(mergeExchanges([a, b], [a, b, b]).map((x) => x.id)).toEqual([a.id, b.id]);
  });
  it('keeps only the newest records past the limit', () => {
    const all = Array.from({ length: timelineLimit + 5 }, () => exchange());
    const merged = mergeExchanges([], all);
    expect(merged).toHaveLength(timelineLimit);
    expect(merged.at(-1)?.id).toBe(all.at(-1)?.id);
    expect(mergeExchanges(merged.slice(0, 2), all.slice(-1), 2).map((x) => x.id)).toEqual([
      merged[1].id,
      all.at(-1)?.id,
    ]);
  });
  it('does not change its inputs', () => {
    const timeline = [exchange()];
    mergeExchanges(timeline, [exchange()]);
    expect(timeline).toHaveLength(1);
  });
});

describe('parseExchanges', () => {
  it('reads a JSON list of records', () => {
    const records = [exchange(), exchange({ engine: 'express' })];
    expect(parseExchanges(JSON.stringify(records))).toEqual(records);
  });
  it('returns an empty list for missing, corrupt or non-list input', () => {
    expect(parseExchanges(null)).toEqual([]);
    expect(parseExchanges('')).toEqual([]);
    expect(parseExchanges('{oops')).toEqual([]);
    expect(parseExchanges('{"id":"a"}')).toEqual([]);
  });
  it('drops entries that are not exchanges', () => {
    const good = exchange();
    expect(
      parseExchanges(JSON.stringify([good, { id: 1 }, null, 'x', { ...good, engine: 'django' }])),
    ).toEqual([good]);
  });
});

describe('previousOfEngine', () => {
  it('finds the latest earlier exchange of the same engine', () => {
    const timeline = [exchange(), exchange({ engine: 'express' }), exchange()];
    expect(previousOfEngine(timeline, 2)).toBe(timeline[0]);
  });
  it('returns undefined for the first exchange of an engine', () => {
    const timeline = [exchange({ engine: 'express' }), exchange()];
    expect(previousOfEngine(timeline, 1)).toBeUndefined();
  });
});

describe('latestOfEngine', () => {
  it('returns the newest exchange of the engine, or undefined', () => {
    const timeline = [exchange(), exchange({ engine: 'express' }), exchange()];
    expect(latestOfEngine(timeline, 'flask')).toBe(timeline[2]);
    expect(latestOfEngine(timeline.slice(0, 1), 'express')).toBeUndefined();
  });
});
