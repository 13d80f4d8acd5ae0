import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const goodLesson = readFileSync(join(root, 'lessons', '00-what-is-a-session.md'), 'utf8');

/**
 * A copy of the site with the given lesson files; `astro sync` loads and validates the lessons.
 * Each copy is its own folder, so the checks run side by side (most of a sync is waiting on start-up).
 */
function syncWithLessons(
  lessons: Record<string, string>,
): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'session-lab-lessons-'));
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  for (const file of ['astro.config.mjs', 'tsconfig.json', 'package.json'])
    copyFileSync(join(root, file), join(dir, file));
  // The config mounts the sandbox in dev, so the copy needs it (and the packages) too.
  for (const shared of ['node_modules', 'sandbox', 'server'])
    symlinkSync(join(root, shared), join(dir, shared), 'dir');
  mkdirSync(join(dir, 'lessons'));
  for (const [name, text] of Object.entries(lessons)) writeFileSync(join(dir, 'lessons', name), text);
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const run = spawn(process.execPath, [astro, 'sync'], { cwd: dir, env: { ...process.env, CI: '1' } });
  let output = '';
  run.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  run.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    run.once('error', reject);
    run.once('close', (status) => resolve({ status, output }));
  });
}

// Five syncs share the cores, so each may take longer than one alone.
describe.concurrent('lesson files at build time', { timeout: 90_000 }, () => {
  it('fail the build naming the file and the field', async ({ expect }) => {
    const broken = goodLesson.replace(/^order: 0$/m, 'order: first');
    expect(broken).not.toBe(goodLesson);
    const result = await syncWithLessons({ '00-what-is-a-session.md': broken });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('00-what-is-a-session');
    expect(result.output).toMatch(/order.*Expected type `"number"`/);
  });

  it('name a missing nested field', async ({ expect }) => {
    const broken = goodLesson.replace(/^ {2}prompt: .*$/m, '');
    const result = await syncWithLessons({ '00-what-is-a-session.md': broken });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('00-what-is-a-session');
    expect(result.output).toContain('question.prompt');
  });

  it('refuse a further-reading address that is not https, saying what to write', async ({ expect }) => {
    const broken = goodLesson.replace(
      'url: "https://flask.palletsprojects.com/en/stable/quickstart/#sessions"',
      'url: "http://flask.palletsprojects.com/en/stable/quickstart/#sessions"',
    );
    expect(broken).not.toBe(goodLesson);
    const result = await syncWithLessons({ '00-what-is-a-session.md': broken });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('furtherReading.0.url');
    expect(result.output).toContain('Use the full https:// address of the page');
  });

  it('refuse an app control the sandbox does not have, naming the field and the known ones', async ({
    expect,
  }) => {
    const broken = goodLesson.replace(/^ {2}controls: .*$/m, '  controls: [store, shout]');
    expect(broken).not.toBe(goodLesson);
    const result = await syncWithLessons({ '00-what-is-a-session.md': broken });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('00-what-is-a-session');
    expect(result.output).toContain('sandbox.controls.1');
    expect(result.output).toContain("Name one of the app's controls: store, flash, permanent, clear");
  });

  it('skip drafts whose names start with an underscore', async ({ expect }) => {
    const result = await syncWithLessons({
      '00-what-is-a-session.md': goodLesson,
      '_01-unfinished.md': '---\ntitle: Not ready\n---\nNo order, no question yet.\n',
    });
    expect(result.output).not.toContain('unfinished');
    expect(result.status).toBe(0);
  });
});
