/**
 * Where the course is served and what it is called, as built (BASE_PATH and COURSE_TITLE at build
 * time, see astro.config.mjs). Every link, asset, iframe and form in src/ goes through withBase.
 */

/** The course's name (COURSE_TITLE; 'Session Lab' by default). */
export const courseTitle: string = import.meta.env.COURSE_TITLE;

/** The prefix without its trailing slash: '' at the root, or e.g. '/course'. */
const base = import.meta.env.BASE_URL.replace(/\/$/, '');

/**
 * An absolute path on this site, under BASE_PATH.
 * @example withBase('/sandbox/') // '/sandbox/', or '/course/sandbox/' when built with BASE_PATH=/course
 */
export function withBase(path: string): string {
  return `${base}${path}`;
}
