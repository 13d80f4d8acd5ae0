import { defineConfig } from 'vitest/config';

/** The tests that drive Chromium: the e2e project runs them, the unit project never does. */
export const browserTests = ['test/browser/**/*.test.ts', 'test/hosting/nginx.test.ts'];

export default defineConfig({
  test: {
    // The site is built once, before any test file starts; HTTP and browser tests serve that build.
    globalSetup: ['test/setup/build-site.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // `vitest run` runs both; `--project unit` is the inner loop, `--project e2e` drives Chromium.
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: browserTests } },
      { test: { name: 'e2e', include: browserTests } },
    ],
  },
});
