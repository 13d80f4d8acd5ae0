/**
 * Real Flask in Pyodide, in Node: Pyodide from node_modules, Flask packed and compiled to bytecode by
 * the build's own steps from the machine's python3, and the bridge the browser's worker runs (bridge.py).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packFlask } from '../../src/integrations/browser-flask/pack-flask.ts';
import {
  loadCompilingPyodide,
  precompileFlask,
} from '../../src/integrations/browser-flask/precompile-flask.ts';
import type { FlaskFiles } from '../../src/lib/pyflask/types.ts';
import { type FlaskInPyodide, startFlask } from '../../src/scripts/pyflask/flask-in-pyodide.ts';

const bridgeSource = readFileSync(new URL('../../src/scripts/pyflask/bridge.py', import.meta.url), 'utf8');

export async function startNodeFlask(python: string): Promise<FlaskInPyodide> {
  const outDir = mkdtempSync(join(tmpdir(), 'session-lab-flask-'));
  const packed = packFlask(python, outDir);
  if (!packed.ok) throw new Error(packed.why);
  const pyodide = await loadCompilingPyodide();
  const zip = precompileFlask(pyodide, new Uint8Array(readFileSync(join(outDir, packed.file))));
  return startFlask(pyodide, new Uint8Array(zip).buffer, bridgeSource);
}

/** The handout's app and templates, unchanged. */
export function handoutFiles(): FlaskFiles {
  const read = (path: string) => readFileSync(new URL(`../../sandbox/apps/${path}`, import.meta.url), 'utf8');
  return {
    'flask_app.py': read('flask_app.py'),
    'templates/index.html': read('templates/index.html'),
    'templates/members.html': read('templates/members.html'),
  };
}
