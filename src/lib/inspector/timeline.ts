import { isEngine } from '../../../sandbox/contract/exchange.ts';
import { describeDiff, diffSessions } from './diff.ts';
import type { Exchange } from './types.ts';

/** How many exchanges the inspector keeps (storage is small, and so is a learner's attention). */
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

/** The session before the exchange at `index`: what the engine's previous exchange left, else what came in. */
export function sessionBefore(timeline: readonly Exchange[], index: number): Record<string, unknown> {
  return previousOfEngine(timeline, index)?.session.after ?? timeline[index]?.session.before ?? {};
}

/**
 * The POST whose redirect led to the GET at `index`: the engine's previous exchange, when it is a
 * POST answered with a 3xx. After a form, the change happened in that POST, not in the GET.
 */
export function redirectedFrom(timeline: readonly Exchange[], index: number): Exchange | undefined {
  if (timeline[index]?.method !== 'GET') return undefined;
  const previous = previousOfEngine(timeline, index);
  return previous?.method === 'POST' && previous.status >= 300 && previous.status < 400
    ? previous
    : undefined;
}

/**
 * What to say when the exchange at `index` left the session as it found it. After a redirect the
 * change was in the POST above, so say so rather than a bare "no change".
 * @example unchangedText([post302AddingFirstName, get], 1) // 'No change since the POST above (which changed: added firstName).'
 */
export function unchangedText(timeline: readonly Exchange[], index: number): string {
  const post = redirectedFrom(timeline, index);
  if (!post) return 'No change to the session.';
  const changes = diffSessions(sessionBefore(timeline, timeline.indexOf(post)), post.session.after);
  return `No change since the ${post.method} above (which changed: ${describeDiff(changes)}).`;
}

/**
 * Which entries start open: the newest, and the POST it was redirected from (where the change is).
 * @example openByDefault([post302, get]) // Set { post302.id, get.id }
 */
export function openByDefault(timeline: readonly Exchange[]): Set<string> {
  const ids = new Set<string>();
  const index = timeline.length - 1;
  if (index < 0) return ids;
  ids.add(timeline[index].id);
  const post = redirectedFrom(timeline, index);
  if (post) ids.add(post.id);
  return ids;
}

/** The newest exchange of `engine`, if any. */
export function latestOfEngine(
  timeline: readonly Exchange[],
  engine: Exchange['engine'],
): Exchange | undefined {
  return timeline.findLast((exchange) => exchange.engine === engine);
}

/** A cookie the browser held earlier, and the exchange that left it there. */
export interface EarlierCookie {
  cookie: string;
  from: Exchange;
}

/**
 * The session cookies `engine` left in the browser before the current one, newest first, each once:
 * what the replay experiment can send again.
 * @example earlierCookies([storeA, storeB], 'flask').map((c) => c.cookie) // [storeA.cookieAfter]
 */
export function earlierCookies(timeline: readonly Exchange[], engine: Exchange['engine']): EarlierCookie[] {
  const current = latestOfEngine(timeline, engine)?.cookieAfter ?? null;
  const seen = new Set<string>(current === null ? [] : [current]);
  const out: EarlierCookie[] = [];
  for (const exchange of timeline.toReversed()) {
    const cookie = exchange.cookieAfter;
    if (exchange.engine !== engine || cookie === null || seen.has(cookie)) continue;
    seen.add(cookie);
    out.push({ cookie, from: exchange });
  }
  return out;
}

/**
 * The session cookie `engine` left in the browser before its current one (the newest that was
 * replaced): what the replay experiment offers first.
 * @example olderCookie([storeA, storeB], 'flask') // storeA.cookieAfter
 */
export function olderCookie(timeline: readonly Exchange[], engine: Exchange['engine']): string | undefined {
  return earlierCookies(timeline, engine)[0]?.cookie;
}

/**
 * How the replay picker names an earlier cookie: by what its session held, so a learner tells them
 * apart at a glance (times alone all look alike).
 * @example earlierCookieLabel({ firstName: 'Ada' }) // 'firstName "Ada"'
 * @example earlierCookieLabel({}) // 'an empty session'
 */
export function earlierCookieLabel(session: Record<string, unknown>): string {
  const entries = Object.entries(session);
  if (entries.length === 0) return 'an empty session';
  const shown = entries.slice(0, 3).map(([key, value]) => `${key} ${shortValue(value)}`);
  return entries.length > 3 ? `${shown.join(', ')} and ${entries.length - 3} more` : shown.join(', ');
}

/** A session value in a few characters: strings quoted, anything else as JSON, long ones cut. */
function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

/** Whether a parsed value has the fields the inspector reads, from any of the engines. */
export function isExchange(value: unknown): value is Exchange {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Exchange>;
  return (
    typeof record.id === 'string' &&
    isEngine(record.engine) &&
    typeof record.method === 'string' &&
    typeof record.path === 'string' &&
    typeof record.status === 'number' &&
    Array.isArray(record.setCookies) &&
    typeof record.session === 'object' &&
    record.session !== null &&
    Array.isArray(record.codeLines)
  );
}
