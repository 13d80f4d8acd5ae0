// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { buildSettingsOf, distDirOf } from './sandbox/server/build-freshness.ts';
import { sandboxInDev } from './src/integrations/sandbox-dev.ts';
import { codeThemes } from './src/lib/code-themes.ts';

// BASE_PATH and COURSE_TITLE are built into the pages; npm start rebuilds when they change
// (sandbox/server/build-freshness.ts records them in the build stamp).
const { basePath, courseTitle } = buildSettingsOf(process.env);

// Lesson pages are prerendered; sandbox/server/server.ts mounts Astro's handler inside express,
// so one process serves the course and the live sandbox.
export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  base: basePath || '/',
  outDir: `./${distDirOf(basePath)}`,
  trailingSlash: 'ignore',
  integrations: [sandboxInDev()],
  vite: {
    // src/lib/site.ts reads it; one string, the same in pages and browser scripts.
    define: { 'import.meta.env.COURSE_TITLE': JSON.stringify(courseTitle) },
  },
  markdown: {
    shikiConfig: {
      themes: codeThemes,
      defaultColor: false,
    },
  },
});
