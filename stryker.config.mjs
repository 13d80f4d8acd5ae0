// Mutation testing (`npm run test:mutation`): Stryker plants one small bug at a time in the sandbox's
// code and checks that some test fails. Slow, so not part of `npm test`. One folder at a time:
//   npm run test:mutation -- --mutate 'sandbox/flask-session/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', pool: 'threads' },
  mutate: [
    'sandbox/flask-session/**/*.ts',
    'sandbox/cookie-tools/**/*.ts',
    'sandbox/exchange/**/*.ts',
    'sandbox/recorder/**/*.ts',
    'sandbox/apps/**/*.ts',
    'sandbox/lab/**/*.ts',
    '!**/*.d.ts',
  ],
  // The machine's cores are shared: two test processes at most.
  concurrency: 2,
  // A mutant in module-level code would need every test file re-run; skipped to keep a run bounded.
  ignoreStatic: true,
  // Re-runs test only the mutants whose code or tests changed since the last report.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // A mutant that loops forever is given up on soon (the default waits 5 s more).
  timeoutMS: 3000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
