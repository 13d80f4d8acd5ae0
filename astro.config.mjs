// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { buildSettingsOf, distDirOf } from './server/build-freshness.ts';
import { sandboxInDev } from './server/sandbox-dev.ts';
import { browserFlask } from './src/integrations/browser-flask/index.ts';
import { codeThemes } from './src/lib/code-themes.ts';

// BASE_PATH and COURSE_TITLE are built into the pages; npm start rebuilds when they change
// (server/build-freshness.ts records them in the build stamp).
const { basePath, courseTitle } = buildSettingsOf(process.env);

// Lesson pages are prerendered; server/server.ts mounts Astro's handler inside express,
// so one process serves the course and the live sandbox.
export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  base: basePath || '/',
  outDir: `./${distDirOf(basePath)}`,
  trailingSlash: 'ignore',
  integrations: [sandboxInDev(), browserFlask()],
  // Content-Security-Policy in a <meta> on every page: Astro hashes the scripts and styles it
  // emits, so script-src has no 'unsafe-inline'. Style *attributes* need 'unsafe-inline'
  // (style-src-attr only): shiki colours code with `style="--shiki-light:…"` on each token, which
  // no hash can cover; attributes cannot run script. frame-ancestors cannot be set in a <meta>:
  // the server sends it (and the rest again) as a header (server/server.ts).
  // Real Flask in the browser adds two sources, no more: 'wasm-unsafe-eval' (compiling Pyodide's
  // WebAssembly; it allows no eval of JavaScript) and worker-src 'self' (its Web Worker).
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "worker-src 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: {
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  vite: {
    // The worker imports Pyodide's module at run time, so it is a module worker.
    worker: { format: 'es' },
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
