// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { sandboxInDev } from './src/integrations/sandbox-dev.ts';
import { codeThemes } from './src/lib/code-themes.ts';

// Lesson pages are prerendered; sandbox/server/server.ts mounts Astro's handler inside express,
// so one process serves the course and the live sandbox.
export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  trailingSlash: 'ignore',
  integrations: [sandboxInDev()],
  markdown: {
    shikiConfig: {
      themes: codeThemes,
      defaultColor: false,
    },
  },
});
