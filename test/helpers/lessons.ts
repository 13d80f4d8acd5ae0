import { readdirSync } from 'node:fs';
import { lessonSlug } from '../../src/lib/lessons.ts';

/** The published lessons' slugs in file order (drafts, named `_…`, left out). */
export function lessonSlugs(): string[] {
  return readdirSync(new URL('../../lessons/', import.meta.url))
    .filter((name) => /^[^_].*\.mdx?$/.test(name))
    .sort()
    .map((name) => lessonSlug(name.replace(/\.mdx?$/, '')));
}
