import { type CollectionEntry, getCollection } from 'astro:content';
import { codeTasksOf } from './code-tasks/index.ts';
import { lessonPath, lessonSlug, orderLessons } from './lessons.ts';
import type { StepRef } from './progress.ts';
import { withBase } from './site.ts';

/** One step of the course, as pages and components use it. */
export interface Step {
  slug: string;
  path: string;
  /** Position in the course from 1: the one numbering every page shows ("Step 3 of 8"). */
  number: number;
  entry: CollectionEntry<'lessons'>;
}

/** All published lessons in course order, with their slugs and paths. */
export async function getSteps(): Promise<Step[]> {
  const entries = orderLessons(await getCollection('lessons'));
  return entries.map((entry, index) => {
    const slug = lessonSlug(entry.id);
    return { slug, path: withBase(lessonPath(slug)), number: index + 1, entry };
  });
}

/** What the browser needs to compute progress for a step. */
export function stepRef(step: Step): StepRef {
  const codeTasks = codeTasksOf(step.slug).map((task) => task.id);
  return { slug: step.slug, task: step.entry.data.sandbox?.task, ...(codeTasks.length ? { codeTasks } : {}) };
}
