/**
 * The build step without a Python that has Flask 3.1: the real packing run with Debian's
 * /usr/bin/python3 (Flask 2.2 only) and with a path where no Python is. The build says why in one
 * line and goes on; the manifest it leaves tells the page that real Flask is off and how to enable it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { describe, expect, it } from 'vitest';
import { buildRuntime } from '../../src/integrations/browser-flask/build-runtime.ts';
import { browserFlask } from '../../src/integrations/browser-flask/index.ts';
import type { BrowserFlaskManifest } from '../../src/lib/pyflask/types.ts';

const debianPython = '/usr/bin/python3';
const missingPython = '/nonexistent/bin/python3';
const enable =
  'To run real Flask in the browser, set FLASK_PYTHON to a Python with Flask 3.1 (pip install "flask>=3.1") and build again (npm run build).';

const newClientDir = () => mkdtempSync(join(tmpdir(), 'session-lab-no-flask-'));
const manifestIn = (clientDir: string) =>
  JSON.parse(readFileSync(join(clientDir, '_pyodide', 'manifest.json'), 'utf8')) as BrowserFlaskManifest;

/** What the build's logger was given, level by level. */
function recordingLogger(): { logger: AstroIntegrationLogger; lines: { level: string; text: string }[] } {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string) => lines.push({ level, text });
  const logger = {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    fork: () => logger,
    label: 'session-lab:browser-flask',
    options: {},
  } as unknown as AstroIntegrationLogger;
  return { logger, lines };
}

/** Runs the integration's build hook as `astro build` does, with FLASK_PYTHON set to `python`. */
async function runBuildHook(clientDir: string, python: string) {
  const { logger, lines } = recordingLogger();
  const hook = browserFlask().hooks['astro:build:done'];
  const before = process.env.FLASK_PYTHON;
  process.env.FLASK_PYTHON = python;
  try {
    await hook?.({ dir: pathToFileURL(`${clientDir}/`), logger } as unknown as Parameters<
      NonNullable<typeof hook>
    >[0]);
  } finally {
    if (before === undefined) delete process.env.FLASK_PYTHON;
    else process.env.FLASK_PYTHON = before;
  }
  return lines;
}

describe('a Python whose Flask is older than 3.1 (Debian’s 2.2)', () => {
  it('prints one warning naming the interpreter, its Flask and how to enable real Flask', async () => {
    const clientDir = newClientDir();
    const lines = await runBuildHook(clientDir, debianPython);
    expect(lines).toEqual([
      {
        level: 'warn',
        text: `Real Flask in the browser is off: ${debianPython} has Flask 2.2.2, not 3.1 or later. ${enable}`,
      },
    ]);
    expect(lines[0]?.text).not.toContain('\n');
  });

  it('leaves only a manifest that tells the page why, and packs nothing', async () => {
    const clientDir = newClientDir();
    const built = await buildRuntime(clientDir, debianPython);
    expect(built.manifest).toEqual({
      ok: false,
      why: `${debianPython} has Flask 2.2.2, not 3.1 or later. ${enable}`,
    });
    expect(manifestIn(clientDir)).toEqual(built.manifest);
    expect(readdirSync(join(clientDir, '_pyodide'))).toEqual(['manifest.json']);
    expect(built.files).toEqual([]);
  });
});

describe('a FLASK_PYTHON where no Python is', () => {
  it('prints one warning that the interpreter was not found, and how to enable real Flask', async () => {
    const clientDir = newClientDir();
    const lines = await runBuildHook(clientDir, missingPython);
    expect(lines).toEqual([
      { level: 'warn', text: `Real Flask in the browser is off: ${missingPython} was not found. ${enable}` },
    ]);
    expect(manifestIn(clientDir)).toEqual({ ok: false, why: `${missingPython} was not found. ${enable}` });
  });

  it('removes the Flask and Pyodide files an earlier build packed, so no stale Flask is served', async () => {
    const clientDir = newClientDir();
    const earlier = join(clientDir, '_pyodide');
    mkdirSync(join(earlier, 'pyodide-0123456789ab'), { recursive: true });
    writeFileSync(join(earlier, 'flask-0123456789ab.zip'), 'old');
    writeFileSync(join(earlier, 'pyodide-0123456789ab', 'pyodide.asm.wasm.gz'), 'old');
    await buildRuntime(clientDir, missingPython);
    expect(readdirSync(earlier)).toEqual(['manifest.json']);
    expect(existsSync(join(earlier, 'flask.zip.part'))).toBe(false);
  });
});

describe('a program that is not a Python', () => {
  it('says it could not pack Flask, in one line, and goes on', async () => {
    const clientDir = newClientDir();
    const lines = await runBuildHook(clientDir, '/bin/false');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: 'warn',
      text: `Real Flask in the browser is off: /bin/false could not pack Flask. ${enable}`,
    });
    expect(manifestIn(clientDir).ok).toBe(false);
  });
});
