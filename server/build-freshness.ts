/**
 * When the built course site (dist/) is stale, and building it again. One rule for `npm start`, the
 * test set-up and the benchmarks, so all three agree on what "stale" means.
 */
import { type StdioOptions, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCourseTitle, parseBasePath, parseCourseTitle } from './config.ts';

/**
 * Files and folders whose changes make the built site stale. The sandbox app's Python source and its
 * template are embedded in the built pages (the code view and its line marks), so they count too.
 */
export const siteSources = [
  'src',
  'lessons',
  'public',
  'astro.config.mjs',
  'package-lock.json',
  'sandbox/apps/flask_app.py',
  'sandbox/apps/templates',
];

/**
 * The settings built into the pages (Astro's `base` and the course title): a change to either needs
 * a new build. astro.config.mjs reads them with the same function, so both agree.
 */
export interface BuildSettings {
  basePath: string;
  courseTitle: string;
  /**
   * The Python real Flask is packed from (FLASK_PYTHON, default python3), so that pointing it at
   * another interpreter builds again. Left out: not compared (and the build reads this process's).
   */
  flaskPython?: string;
}

/** The build settings in `env` (BASE_PATH, COURSE_TITLE, FLASK_PYTHON), checked as readConfig checks them. */
export function buildSettingsOf(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  return {
    basePath: parseBasePath(env.BASE_PATH),
    courseTitle: parseCourseTitle(env.COURSE_TITLE),
    flaskPython: flaskPythonOf(env),
  };
}

/** FLASK_PYTHON, or python3 when unset or empty (as the build's browser-flask integration reads it). */
export function flaskPythonOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLASK_PYTHON || 'python3';
}

/**
 * The build folder, relative to the root: dist/ at the site root, dist-course/ for BASE_PATH=/course,
 * so builds for two prefixes (e.g. a test behind a proxy and the others) never overwrite each other.
 * @example distDirOf('/a/b') // 'dist-a-b'
 */
export function distDirOf(basePath: string): string {
  return basePath === '' ? 'dist' : `dist${basePath.replaceAll('/', '-')}`;
}

/** Written at the end of each successful build (with the settings built in), relative to the repository root. */
export const stampPath = join('dist', '.build-stamp');

/** The stamp file of the build for `settings`. */
export function stampFileOf(root: string, settings: BuildSettings): string {
  return join(root, distDirOf(settings.basePath), '.build-stamp');
}

/** The settings a stamp records; a stamp without them (older builds) was built with the defaults. */
function stampedSettings(stampFile: string): Required<BuildSettings> {
  const defaults = { basePath: '', courseTitle: defaultCourseTitle, flaskPython: 'python3' };
  try {
    const parsed = JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<BuildSettings>;
    return {
      basePath: parsed.basePath ?? defaults.basePath,
      courseTitle: parsed.courseTitle ?? defaults.courseTitle,
      flaskPython: parsed.flaskPython ?? defaults.flaskPython,
    };
  } catch {
    return defaults;
  }
}

/** The newest modification time (ms) under `path`, or 0 when it does not exist. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Whether the site must be built first: no build yet, a source changed after the last build, or the
 * last build was for other settings (BASE_PATH, COURSE_TITLE). `stampFile` is written at the end of
 * each successful build.
 */
export function needsBuild(
  root: string,
  stampFile: string = join(root, stampPath),
  settings: BuildSettings = { basePath: '', courseTitle: defaultCourseTitle },
): boolean {
  if (!existsSync(stampFile)) return true;
  const stamped = stampedSettings(stampFile);
  if (stamped.basePath !== settings.basePath || stamped.courseTitle !== settings.courseTitle) return true;
  if (settings.flaskPython !== undefined && stamped.flaskPython !== settings.flaskPython) return true;
  const built = statSync(stampFile).mtimeMs;
  return siteSources.some((source) => newestMtime(join(root, source)) > built);
}

export class BuildFailed extends Error {
  override name = 'BuildFailed';
}

/**
 * Runs `astro build` in `root` when the site is stale, then stamps it. Returns whether it built.
 * `output`: 'inherit' streams the build to this terminal, 'stderr' sends it to stderr (for tools
 * whose stdout is data), 'capture' keeps it for the error message (tests).
 */
export function buildIfStale(
  root: string,
  output: 'inherit' | 'stderr' | 'capture' = 'inherit',
  settings: BuildSettings = buildSettingsOf(),
): boolean {
  const stampFile = stampFileOf(root, settings);
  if (!needsBuild(root, stampFile, settings)) return false;
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const stdio: StdioOptions =
    output === 'inherit' ? 'inherit' : output === 'stderr' ? ['ignore', 2, 2] : 'pipe';
  // astro.config.mjs reads the settings from the environment (buildSettingsOf), as start.ts does.
  // BASE_URL is left out: Vite would take it over Astro's `base` (vitest sets it to '/' for its workers).
  const { BASE_URL: _, ...inherited } = process.env;
  const flaskPython = settings.flaskPython ?? flaskPythonOf();
  const env = {
    ...inherited,
    BASE_PATH: settings.basePath,
    COURSE_TITLE: settings.courseTitle,
    FLASK_PYTHON: flaskPython,
  };
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio, encoding: 'utf8', env });
  if (build.status !== 0) {
    const captured = output === 'capture' ? `\n${build.stdout}\n${build.stderr}` : '';
    throw new BuildFailed(`the build failed; the message above names the file to fix.${captured}`);
  }
  writeFileSync(
    stampFile,
    `${JSON.stringify({ builtAt: new Date().toISOString(), ...settings, flaskPython })}\n`,
  );
  return true;
}
