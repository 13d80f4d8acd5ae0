import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSettingsOf, distDirOf, needsBuild, newestMtime } from '../../server/build-freshness.ts';

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

describe('build settings', () => {
  const fresh = () => {
    const { root, stamp } = project();
    at(join(root, 'lessons', '00-a.md'), 1_000_000_000);
    at(join(root, 'lessons'), 1_000_000_000);
    return { root, stamp };
  };
  it('rebuilds when BASE_PATH or COURSE_TITLE differ from what the stamp records', () => {
    const { root, stamp } = fresh();
    writeFileSync(stamp, JSON.stringify({ basePath: '/course', courseTitle: 'Session Lab' }));
    expect(needsBuild(root, stamp, { basePath: '/course', courseTitle: 'Session Lab' })).toBe(false);
    expect(needsBuild(root, stamp, { basePath: '', courseTitle: 'Session Lab' })).toBe(true);
    expect(needsBuild(root, stamp, { basePath: '/course', courseTitle: 'Week 3' })).toBe(true);
  });
  it('reads a stamp without settings (an older build) as the defaults', () => {
    const { root, stamp } = fresh();
    writeFileSync(stamp, '2026-01-01T00:00:00.000Z\n');
    expect(needsBuild(root, stamp, { basePath: '', courseTitle: 'Session Lab' })).toBe(false);
    expect(needsBuild(root, stamp, { basePath: '/course', courseTitle: 'Session Lab' })).toBe(true);
  });
  it('builds each prefix into its own folder', () => {
    expect(distDirOf('')).toBe('dist');
    expect(distDirOf('/course')).toBe('dist-course');
    expect(distDirOf('/a/b')).toBe('dist-a-b');
    expect(buildSettingsOf({ BASE_PATH: '/course/', COURSE_TITLE: 'Week 3' })).toEqual({
      basePath: '/course',
      courseTitle: 'Week 3',
      flaskPython: 'python3',
    });
  });
  it('builds again when FLASK_PYTHON names another interpreter than the build packed Flask from', () => {
    const { root, stamp } = fresh();
    writeFileSync(
      stamp,
      `${JSON.stringify({ basePath: '', courseTitle: 'Session Lab', flaskPython: 'python3' })}\n`,
    );
    const settings = { basePath: '', courseTitle: 'Session Lab' };
    expect(needsBuild(root, stamp, { ...settings, flaskPython: 'python3' })).toBe(false);
    expect(needsBuild(root, stamp, { ...settings, flaskPython: '/opt/venv/bin/python3' })).toBe(true);
    expect(buildSettingsOf({ FLASK_PYTHON: '/opt/venv/bin/python3' }).flaskPython).toBe(
      '/opt/venv/bin/python3',
    );
    expect(buildSettingsOf({ FLASK_PYTHON: '' }).flaskPython).toBe('python3');
  });
  it('reads a stamp from before FLASK_PYTHON was recorded as packed from python3', () => {
    const { root, stamp } = fresh();
    writeFileSync(stamp, `${JSON.stringify({ basePath: '', courseTitle: 'Session Lab' })}\n`);
    expect(
      needsBuild(root, stamp, { basePath: '', courseTitle: 'Session Lab', flaskPython: 'python3' }),
    ).toBe(false);
    expect(
      needsBuild(root, stamp, { basePath: '', courseTitle: 'Session Lab', flaskPython: '/usr/bin/python3' }),
    ).toBe(true);
  });
});
