import type { Exchange } from './types.ts';

/** How many exchanges the inspector keeps (sessionStorage is small, and so is a learner's attention). */
export const timelineLimit = 50;

/**
 * Appends the records not seen yet (by `id`), oldest first, keeping only the newest `limit`.
 * @example mergeExchanges([a], [a, b]) // [a, b]
 */
export function mergeExchanges(
  timeline: readonly Exchange[],
  incoming: readonly Exchange[],
  limit = timelineLimit,
): Exchange[] {
  const seen = new Set(timeline.map((exchange) => exchange.id));
  const merged = [...timeline];
  for (const exchange of incoming) {
    if (seen.has(exchange.id)) continue;
    seen.add(exchange.id);
    merged.push(exchange);
  }
  return merged.slice(-limit);
}

/**
 * Reads a JSON list of exchanges (sessionStorage, or the app page's embedded script), keeping only
 * records that look like exchanges; anything unreadable is an empty list.
 * @example parseExchanges('not json') // []
 */
export function parseExchanges(raw: string | null | undefined): Exchange[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isExchange) : [];
  } catch {
    return [];
  }
}

/** The latest exchange of the same engine before `index`, if any. */
export function previousOfEngine(timeline: readonly Exchange[], index: number): Exchange | undefined {
  const engine = timeline[index]?.engine;
  for (let i = index - 1; i >= 0; i--) if (timeline[i].engine === engine) return timeline[i];
  return undefined;
}

/** The newest exchange of `engine`, if any. */
export function latestOfEngine(
  timeline: readonly Exchange[],
  engine: Exchange['engine'],
): Exchange | undefined {
  return timeline.findLast((exchange) => exchange.engine === engine);
}

function isExchange(value: unknown): value is Exchange {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Exchange>;
  return (
    typeof record.id === 'string' &&
    (record.engine === 'flask' || record.engine === 'express') &&
    typeof record.method === 'string' &&
    typeof record.path === 'string' &&
    typeof record.status === 'number' &&
    Array.isArray(record.setCookies) &&
    typeof record.session === 'object' &&
    record.session !== null &&
    Array.isArray(record.codeLines)
  );
}
