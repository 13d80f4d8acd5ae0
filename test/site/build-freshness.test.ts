import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsBuild, newestMtime } from '../../sandbox/server/build-freshness.ts';

function project(): { root: string; stamp: string } {
  const root = mkdtempSync(join(tmpdir(), 'session-lab-'));
  mkdirSync(join(root, 'lessons'));
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'lessons', '00-a.md'), '---\n---\n');
  return { root, stamp: join(root, 'dist', '.build-stamp') };
}

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe('newestMtime', () => {
  it('is 0 for a path that does not exist', () => {
    expect(newestMtime('/no/such/path')).toBe(0);
  });
  it('finds the newest file in nested folders', () => {
    const { root } = project();
    at(join(root, 'lessons', '00-a.md'), 2_000_000_000);
    expect(newestMtime(root)).toBe(2_000_000_000_000);
  });
});

describe('needsBuild', () => {
  it('builds when there is no build yet', () => {
    const { root, stamp } = project();
    expect(needsBuild(root, stamp)).toBe(true);
  });
  it('skips the build when nothing changed since', () => {
    const { root, stamp } = project();
    at(join(root, 'lessons', '00-a.md'), 1_000_000_000);
    at(join(root, 'lessons'), 1_000_000_000);
    writeFileSync(stamp, 'built');
    expect(needsBuild(root, stamp)).toBe(false);
  });
  it('rebuilds when a lesson changed after the build', () => {
    const { root, stamp } = project();
    writeFileSync(stamp, 'built');
    at(stamp, 1_000_000_000);
    expect(needsBuild(root, stamp)).toBe(true);
  });
  it.each([['sandbox/apps/flask_app.py'], ['sandbox/apps/templates/index.html']])(
    'rebuilds when %s (embedded in the built code view) changed after the build',
    (file) => {
      const { root, stamp } = project();
      at(join(root, 'lessons', '00-a.md'), 1_000_000_000);
      at(join(root, 'lessons'), 1_000_000_000);
      writeFileSync(stamp, 'built');
      at(stamp, 1_500_000_000);
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), 'changed');
      at(join(root, file), 2_000_000_000);
      expect(needsBuild(root, stamp)).toBe(true);
    },
  );
});
