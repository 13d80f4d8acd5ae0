/**
 * Tests where they belong: a test that starts Chromium (through test/helpers/browser.ts) is in the
 * e2e project, so `npm run test:unit`, the inner loop, never drives a browser.
 */
import { matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserTests } from '../../vitest.config.ts';
import { importsOf, sourceFiles } from '../helpers/imports.ts';

const isBrowserTest = (file: string) => browserTests.some((pattern) => matchesGlob(file, pattern));

describe('the unit and e2e projects', () => {
  const testFiles = sourceFiles('test').filter((file) => file.endsWith('.test.ts'));

  it('every test file that starts Chromium is an e2e test', () => {
    const drivesChromium = testFiles.filter((file) =>
      importsOf(file).some((edge) => edge.to === 'test/helpers/browser.ts'),
    );
    expect(drivesChromium).toContain('test/hosting/nginx.test.ts');
    expect(drivesChromium.filter((file) => !isBrowserTest(file))).toEqual([]);
  });

  it('the nginx test is e2e; the other hosting tests stay unit', () => {
    expect(isBrowserTest('test/hosting/nginx.test.ts')).toBe(true);
    expect(isBrowserTest('test/hosting/workers.test.ts')).toBe(false);
  });
});
