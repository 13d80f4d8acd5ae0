/**
 * Real Flask's page-side runner (src/scripts/pyflask/runner.ts) and its Web Worker, bundled by Vite
 * as the site's build bundles them, into the built site's /_astro/ so the started server serves
 * them from its own origin. The benchmark drives this bundle instead of the Code tab's buttons; it
 * is removed again when the run ends.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { root } from './site.ts';

export interface RunnerBundle {
  /** The runner module's URL path, e.g. '/_astro/bench-pyodide/runner.js' (exports BrowserFlask). */
  url: string;
  /** The Web Worker's URL path. */
  workerUrl: string;
  remove: () => void;
}

const folder = 'bench-pyodide';

export async function bundleRunner(): Promise<RunnerBundle> {
  const outDir = join(root, 'dist', 'client', '_astro', folder);
  const base = `/_astro/${folder}/`;
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    base,
    // As astro.config.mjs: the worker imports Pyodide's module at run time, so it is a module worker.
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      modulePreload: false,
      rollupOptions: {
        input: { runner: join(root, 'src', 'scripts', 'pyflask', 'runner.ts') },
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js' },
      },
    },
  });
  const worker = readdirSync(join(outDir, 'assets')).find((name) => name.startsWith('worker'));
  if (!worker) throw new Error(`Vite wrote no worker chunk into ${outDir}/assets`);
  return {
    url: `${base}runner.js`,
    workerUrl: `${base}assets/${worker}`,
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
