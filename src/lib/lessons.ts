/** The fields of a lesson entry that ordering and navigation need. */
export interface OrderedEntry {
  id: string;
  filePath?: string;
  data: { order: number; title: string };
}

/**
 * The URL slug of a lesson: its file name without the number prefix.
 * @example lessonSlug('02-the-secret-key') // 'the-secret-key'
 */
export function lessonSlug(id: string): string {
  const name = id.split('/').pop() ?? id;
  return name.replace(/^\d+[-_]/, '');
}

/**
 * The page path of a lesson.
 * @example lessonPath('the-secret-key') // '/learn/the-secret-key/'
 */
export function lessonPath(slug: string): string {
  return `/learn/${slug}/`;
}

/**
 * Lessons in course order. Two lessons with the same `order`, or two with the same slug,
 * are an author's mistake, so this throws a message that names both files.
 */
export function orderLessons<T extends OrderedEntry>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1], sorted[i]];
    if (before.data.order === after.data.order) {
      throw new Error(
        `Lessons ${describe(before)} and ${describe(after)} both have \`order: ${after.data.order}\`. ` +
          'Give each lesson a different order number.',
      );
    }
  }
  const bySlug = new Map<string, T>();
  for (const entry of sorted) {
    const slug = lessonSlug(entry.id);
    const clash = bySlug.get(slug);
    if (clash) {
      throw new Error(
        `Lessons ${describe(clash)} and ${describe(entry)} would both be published at ${lessonPath(slug)}. ` +
          'Rename one of the files.',
      );
    }
    bySlug.set(slug, entry);
  }
  return sorted;
}

/** The lessons before and after position `index` in an ordered list (undefined at either end). */
export function neighbours<T>(ordered: readonly T[], index: number): { previous?: T; next?: T } {
  if (index < 0 || index >= ordered.length) return {};
  return { previous: ordered[index - 1], next: ordered[index + 1] };
}

function describe(entry: OrderedEntry): string {
  return `"${entry.filePath ?? entry.id}"`;
}
