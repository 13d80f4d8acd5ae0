import { describe, expect, it } from 'vitest';
import {
  earlierCookieLabel,
  earlierCookies,
  latestOfEngine,
  mergeExchanges,
  olderCookie,
  openByDefault,
  parseExchanges,
  previousOfEngine,
  redirectedFrom,
  sessionBefore,
  timelineLimit,
  unchangedText,
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
  it("keeps every engine's records read back from storage: Flask, Express, server-side, real Flask in the browser", () => {
    const records = [
      exchange(),
      exchange({ engine: 'express' }),
      exchange({ engine: 'server-side' }),
      exchange({ engine: 'browser-flask' }),
    ];
    expect(parseExchanges(JSON.stringify(records)).map((r) => r.engine)).toEqual([
      'flask',
      'express',
      'server-side',
      'browser-flask',
    ]);
  });
  it('drops a record whose engine is no engine, even a name that is one in another object', () => {
    expect(parseExchanges(JSON.stringify([exchange({ engine: 'toString' as 'flask' })]))).toEqual([]);
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

describe('after a redirect', () => {
  const store = () =>
    exchange({
      method: 'POST',
      path: '/sandbox/flask/store',
      action: 'store',
      status: 302,
      session: { before: {}, after: { firstName: 'Ada' } },
    });
  const show = () =>
    exchange({ session: { status: 'valid', before: { firstName: 'Ada' }, after: { firstName: 'Ada' } } });

  it('finds the POST that redirected to the newest GET, of the same engine', () => {
    const [first, post, get] = [exchange(), store(), show()];
    const timeline = [first, post, exchange({ engine: 'express' }), get];
    expect(redirectedFrom(timeline, 3)).toBe(post);
    expect(redirectedFrom(timeline, 1)).toBeUndefined();
    expect(redirectedFrom([exchange({ method: 'POST', status: 200 }), show()], 1)).toBeUndefined();
    expect(redirectedFrom([exchange(), show()], 1)).toBeUndefined();
  });
  it('opens the newest record and the POST above it', () => {
    const [first, post, get] = [exchange(), store(), show()];
    expect([...openByDefault([first, post, get])].sort()).toEqual([get.id, post.id].sort());
    expect([...openByDefault([post, get, exchange()])]).toHaveLength(1);
    expect(openByDefault([]).size).toBe(0);
  });
  it('says what the POST changed instead of a bare "no change"', () => {
    const timeline = [exchange(), store(), show()];
    expect(unchangedText(timeline, 2)).toBe(
      'No change since the POST above (which changed: added firstName).',
    );
    expect(unchangedText(timeline, 0)).toBe('No change to the session.');
    const clearTwice = [
      exchange({ method: 'POST', status: 302, action: 'clear' }),
      exchange({ method: 'GET' }),
    ];
    expect(unchangedText(clearTwice, 1)).toBe('No change since the POST above (which changed: nothing).');
  });
  it("takes the session before a record from the engine's previous record, else from the record", () => {
    const post = store();
    expect(sessionBefore([post, show()], 1)).toEqual({ firstName: 'Ada' });
    expect(sessionBefore([post], 0)).toEqual({});
  });
});

describe('earlierCookies', () => {
  it('lists the cookies held before the current one, newest first, each once, of one engine', () => {
    const timeline = [
      exchange({ cookieAfter: 'A' }),
      exchange({ cookieAfter: 'A' }),
      exchange({ engine: 'express', cookieAfter: 'E' }),
      exchange({ cookieAfter: 'B' }),
      exchange({ cookieAfter: null }),
      exchange({ cookieAfter: 'C' }),
    ];
    expect(earlierCookies(timeline, 'flask').map((c) => c.cookie)).toEqual(['B', 'A']);
    expect(earlierCookies(timeline, 'flask')[1]?.from).toBe(timeline[1]);
    expect(earlierCookies(timeline, 'express')).toEqual([]);
  });
  it('after a clear (no cookie now) every earlier cookie can be sent again', () => {
    const timeline = [exchange({ cookieAfter: 'A' }), exchange({ action: 'clear', cookieAfter: null })];
    expect(earlierCookies(timeline, 'flask').map((c) => c.cookie)).toEqual(['A']);
  });
});

describe('olderCookie', () => {
  it('is the cookie held before the current one: replaced, never revoked', () => {
    const timeline = [
      exchange({ cookieAfter: 'A' }),
      exchange({ cookieAfter: 'B' }),
      exchange({ engine: 'express', cookieAfter: 'E' }),
      exchange({ cookieAfter: 'B' }),
    ];
    expect(olderCookie(timeline, 'flask')).toBe('A');
    expect(olderCookie(timeline, 'express')).toBeUndefined();
  });
  it('after Start over (no cookie now) it is the last one held', () => {
    const timeline = [
      exchange({ cookieAfter: 'A' }),
      exchange({ cookieAfter: 'B' }),
      exchange({ action: 'clear', cookieAfter: null }),
    ];
    expect(olderCookie(timeline, 'flask')).toBe('B');
  });
  it('is undefined before the browser held two cookies', () => {
    expect(olderCookie([], 'flask')).toBeUndefined();
    expect(olderCookie([exchange({ cookieAfter: 'A' })], 'flask')).toBeUndefined();
  });
});

describe('earlierCookieLabel', () => {
  it('names a cookie by what its session held', () => {
    expect(earlierCookieLabel({ firstName: 'Ada' })).toBe('firstName "Ada"');
    expect(earlierCookieLabel({ firstName: 'Ada', favouriteColour: 'teal' })).toBe(
      'firstName "Ada", favouriteColour "teal"',
    );
    expect(earlierCookieLabel({ _permanent: true })).toBe('_permanent true');
  });
  it('says so for an empty session, cuts long values and counts what it leaves out', () => {
    expect(earlierCookieLabel({})).toBe('an empty session');
    expect(earlierCookieLabel({ notes: 'x'.repeat(100) })).toBe(`notes "${'x'.repeat(22)}…`);
    expect(earlierCookieLabel({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('a 1, b 2, c 3 and 2 more');
  });
});
