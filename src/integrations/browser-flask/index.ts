import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildRuntime } from './build-runtime.ts';

/**
 * Real Flask in the browser, at build time: packs Flask from the Python in FLASK_PYTHON (default
 * python3) and copies Pyodide's core into the built site, so our own server serves all of it.
 */
export function browserFlask(): AstroIntegration {
  return {
    name: 'session-lab:browser-flask',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { manifest, line } = await buildRuntime(
          fileURLToPath(dir),
          process.env.FLASK_PYTHON || 'python3',
        );
        if (manifest.ok) logger.info(line);
        else logger.warn(line);
      },
    },
  };
}
