/** One top-level key of the session that differs between two requests. */
export type DiffEntry =
  | { key: string; kind: 'added'; after: unknown }
  | { key: string; kind: 'removed'; before: unknown }
  | { key: string; kind: 'changed'; before: unknown; after: unknown };

/**
 * What changed in the session between two requests, key by key, in key order.
 * Values compare by their JSON text, so nested lists and objects compare by content.
 * @example diffSessions({ firstName: 'Ada' }, { firstName: 'Bob', admin: true })
 * // [{ key: 'admin', kind: 'added', after: true }, { key: 'firstName', kind: 'changed', before: 'Ada', after: 'Bob' }]
 */
export function diffSessions(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): DiffEntry[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const entries: DiffEntry[] = [];
  for (const key of keys) {
    const had = Object.hasOwn(before, key);
    const has = Object.hasOwn(after, key);
    if (!had) entries.push({ key, kind: 'added', after: after[key] });
    else if (!has) entries.push({ key, kind: 'removed', before: before[key] });
    else if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      entries.push({ key, kind: 'changed', before: before[key], after: after[key] });
  }
  return entries;
}

/**
 * The changes in a few words, for a sentence.
 * @example describeDiff([{ key: 'firstName', kind: 'added', after: 'Ada' }]) // 'added firstName'
 */
export function describeDiff(entries: readonly DiffEntry[]): string {
  return entries.length ? entries.map((entry) => `${entry.kind} ${entry.key}`).join(', ') : 'nothing';
}
