import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the ones that exercise the
 * sandbox in-process (engine, cookie tools, the sandbox router over HTTP, the members' login and the
 * challenges through that router, the CLI). No browser and no built site: test/sandbox/app.ts mounts
 * only the sandbox router, so no global set-up is needed.
 */
export default defineConfig({
  test: {
    include: [
      'test/flask-session/**/*.test.ts',
      'test/cookie-tools/**/*.test.ts',
      'test/sandbox/**/*.test.ts',
      // In-process like test/sandbox (Redis and worker processes are left out).
      'test/members/login.test.ts',
      'test/members/server-side.test.ts',
      // The store unreachable without a redis-server: a Redis client on a port nothing listens on.
      'test/members/server-side-store.test.ts',
      'test/members/challenges.test.ts',
      'test/cli.test.ts',
    ],
    // The live comparisons start Python (Flask) per run and wait on it, so a mutant that upsets the
    // exchange costs a timeout and a restart; the recorded Flask vectors (test/fixtures) stand in.
    exclude: ['test/flask-session/live-flask.test.ts', 'test/sandbox/real-flask.test.ts'],
    // Stryker re-runs the tests for every mutant; reusing one worker's loaded modules between runs
    // saves most of the time (mutants are switched on at run time, so nothing needs re-importing).
    isolate: false,
    setupFiles: ['test/setup/mutation.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
