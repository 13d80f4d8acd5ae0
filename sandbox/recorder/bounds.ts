/**
 * Caps on what a record may embed, so no cookie (however crafted) makes a page or a JSON answer
 * grow without bound: every string is cut to a length, nesting to a depth, lists and objects to a
 * number of entries, and a record still too big loses its session views.
 */

/** Longest string kept whole in a record: any Cookie header Node accepts (16 KB) fits. */
export const MAX_RECORD_STRING = 16 * 1024;
/** Deepest nesting kept; deeper values are replaced by a note. */
export const MAX_RECORD_DEPTH = 32;
/** Most entries of one list or object kept. */
export const MAX_RECORD_ENTRIES = 200;
/** Largest record, in characters of JSON, before its session views are dropped. */
export const MAX_RECORD_CHARS = 128 * 1024;

interface Limits {
  maxString: number;
  maxDepth: number;
  maxEntries: number;
}

/** A copy within `limits`, and whether anything had to be cut. Depth is bounded, so never a stack overflow. */
function cutToLimits(value: unknown, { maxString, maxDepth, maxEntries }: Limits): [unknown, boolean] {
  let changed = false;
  const cut = (inner: unknown, depth: number): unknown => {
    if (typeof inner === 'string') {
      if (inner.length <= maxString) return inner;
      changed = true;
      return `${inner.slice(0, maxString)}… [${inner.length - maxString} more characters]`;
    }
    if (typeof inner !== 'object' || inner === null) return inner;
    if (depth >= maxDepth) {
      changed = true;
      return `[nested deeper than ${maxDepth} levels: not shown]`;
    }
    if (Array.isArray(inner)) {
      const kept = inner.slice(0, maxEntries).map((item) => cut(item, depth + 1));
      if (inner.length > maxEntries) {
        changed = true;
        kept.push(`[${inner.length - maxEntries} more items]`);
      }
      return kept;
    }
    const entries = Object.entries(inner);
    // fromEntries defines each key, so a learner's key "__proto__" stays a plain key.
    const out: Record<string, unknown> = Object.fromEntries(
      entries.slice(0, maxEntries).map(([key, item]) => [key, cut(item, depth + 1)]),
    );
    if (entries.length > maxEntries) {
      changed = true;
      out['…'] = `[${entries.length - maxEntries} more keys]`;
    }
    return out;
  };
  return [cut(value, 0), changed];
}

/** A copy with long strings cut to their start plus a note of how much was left out (and depth, entries capped). */
export function shorten(
  value: unknown,
  maxString = MAX_RECORD_STRING,
  maxDepth = MAX_RECORD_DEPTH,
  maxEntries = MAX_RECORD_ENTRIES,
): unknown {
  return cutToLimits(value, { maxString, maxDepth, maxEntries })[0];
}

/**
 * True when `value` is within `limits` and its JSON surely at most `maxChars` long.
 * Counts without building anything (the common record is small and passes as it is); an upper
 * bound: each string character is counted as its longest JSON escape (6 characters).
 */
function sizeWithin(value: unknown, { maxString, maxDepth, maxEntries }: Limits, maxChars: number): boolean {
  let size = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [inner, depth] = stack.pop() as [unknown, number];
    if (typeof inner === 'string') {
      if (inner.length > maxString) return false;
      size += 2 + 6 * inner.length;
    } else if (typeof inner === 'object' && inner !== null) {
      if (depth >= maxDepth) return false;
      const keys = Object.keys(inner);
      if (keys.length > maxEntries) return false;
      size += 2;
      for (const key of keys) {
        size += 4 + 6 * key.length;
        stack.push([(inner as Record<string, unknown>)[key], depth + 1]);
      }
    } else {
      size += 24; // numbers, booleans, null
    }
    if (size > maxChars) return false;
  }
  return true;
}

const recordLimits: Limits = {
  maxString: MAX_RECORD_STRING,
  maxDepth: MAX_RECORD_DEPTH,
  maxEntries: MAX_RECORD_ENTRIES,
};

/**
 * A record within the caps: strings, depth and entries cut (`truncated: true` when anything was),
 * and, when still over MAX_RECORD_CHARS, shorter strings and no session views. The summary is a
 * generated sentence and stays whole.
 */
export function boundRecord<T extends { summary: string; session: object }>(record: T): T {
  if (sizeWithin(record, recordLimits, MAX_RECORD_CHARS)) return record;
  const [cut, changed] = cutToLimits(record, recordLimits);
  if (!changed && JSON.stringify(record).length <= MAX_RECORD_CHARS) return record;
  const marked = { ...(cut as T), summary: record.summary, truncated: true };
  if (JSON.stringify(marked).length <= MAX_RECORD_CHARS) return marked;
  const small = shorten(record, 512, 8, 50) as T;
  return {
    ...small,
    summary: record.summary,
    session: { ...small.session, before: {}, after: {} },
    truncated: true,
  };
}

/** How deep `value` nests (0 for a scalar), looking no further than `limit + 1` levels; never recursive. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [inner, depth] = stack.pop() as [unknown, number];
    if (typeof inner !== 'object' || inner === null) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const item of Object.values(inner)) stack.push([item, depth + 1]);
  }
  return deepest;
}
