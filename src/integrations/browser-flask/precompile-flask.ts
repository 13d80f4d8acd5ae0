import { readFileSync } from 'node:fs';
import { loadPyodide, type PyodideAPI } from 'pyodide';

const script = readFileSync(new URL('./precompile_flask.py', import.meta.url), 'utf8');

/**
 * A Pyodide whose bytecode is the same on every build: string hashing is seeded, not random, so the
 * sets among a module's constants are written in the same order (else each build names the zip anew
 * and every learner's cached copy is thrown away).
 */
export function loadCompilingPyodide(): Promise<PyodideAPI> {
  return loadPyodide({ env: { PYTHONHASHSEED: '0' } });
}

/**
 * The packed Flask zip with its modules compiled to bytecode by `pyodide` (precompile_flask.py):
 * measured in Pyodide on a 2-core machine, `import flask` took 4.7 s from sources and 2.3 s from
 * bytecode, the largest part of real Flask's start in the learner's browser.
 */
export function precompileFlask(pyodide: PyodideAPI, packed: Uint8Array): Uint8Array {
  const scope = pyodide.globals.get('dict')();
  try {
    scope.set('packed', packed);
    pyodide.runPython(script, { globals: scope });
    const precompiled = scope.get('precompiled');
    try {
      return precompiled.toJs() as Uint8Array;
    } finally {
      precompiled.destroy();
    }
  } finally {
    scope.destroy();
  }
}
