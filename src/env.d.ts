/** Set by astro.config.mjs (vite.define) from COURSE_TITLE; read through src/lib/site.ts. */
interface ImportMetaEnv {
  readonly COURSE_TITLE: string;
}
