import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson.ts';

/** One Markdown file per step in the top-level `lessons/` folder; files starting with `_` are drafts. */
const lessons = defineCollection({
  loader: glob({ base: './lessons', pattern: ['**/*.{md,mdx}', '!**/_*'] }),
  schema: lessonSchema,
});

export const collections = { lessons };
