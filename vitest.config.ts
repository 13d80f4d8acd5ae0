import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The site is built once, before any test file starts; HTTP and browser tests serve that build.
    globalSetup: ['test/setup/build-site.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // `vitest run` runs both; `--project unit` is the inner loop, `--project e2e` drives Chromium.
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] } },
      { test: { name: 'e2e', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
