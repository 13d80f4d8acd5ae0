import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The site is built once, before any test file starts; HTTP and browser tests serve that build.
    globalSetup: ['test/setup/build-site.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
