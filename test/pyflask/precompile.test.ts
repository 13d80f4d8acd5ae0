/**
 * The build compiles the packed Flask to bytecode for Pyodide's Python (precompile-flask.ts), so the
 * learner's browser imports Flask without compiling it. Checked in Pyodide in Node: the zip holds
 * bytecode and no sources, is the same bytes for the same Flask, and Flask runs from it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packFlask } from '../../src/integrations/browser-flask/pack-flask.ts';
import {
  loadCompilingPyodide,
  precompileFlask,
} from '../../src/integrations/browser-flask/precompile-flask.ts';

let pyodide: PyodideAPI;
let packed: Uint8Array;
let outDir: string;
/** The first precompiled zip, from a fresh Pyodide. */
let first: Uint8Array;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'session-lab-precompile-'));
  const result = packFlask(process.env.FLASK_PYTHON || 'python3', outDir);
  if (!result.ok) throw new Error(result.why);
  packed = new Uint8Array(readFileSync(join(outDir, result.file)));
  pyodide = await loadCompilingPyodide();
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The entry names of a zip, read by Pyodide's Python. */
function entries(zip: Uint8Array): string[] {
  pyodide.globals.set('zip_bytes', zip);
  return (
    pyodide.runPython(
      'import io, zipfile; sorted(zipfile.ZipFile(io.BytesIO(zip_bytes.to_bytes())).namelist())',
    ) as { toJs(): string[] }
  ).toJs();
}

it('swaps every module for bytecode beside it and keeps the metadata', () => {
  first = precompileFlask(pyodide, packed);
  const names = entries(first);
  expect(names).toContain('flask/app.pyc');
  expect(names).toContain('werkzeug/sansio/response.pyc');
  expect(names).toContain('jinja2/environment.pyc');
  expect(names.filter((name) => name.endsWith('.py'))).toEqual([]);
  expect(names.some((name) => /^flask-3\.1\.\d+\.dist-info\/METADATA$/.test(name))).toBe(true);
  const sources = entries(packed).filter((name) => name.endsWith('.py'));
  expect(names.filter((name) => name.endsWith('.pyc'))).toHaveLength(sources.length);
}, 120_000);

it('gives the same bytes in another fresh Pyodide (the same hashed name), and Flask runs from them', async () => {
  const other = await loadCompilingPyodide();
  const zip = precompileFlask(other, packed);
  expect(Buffer.from(zip).equals(Buffer.from(first))).toBe(true);
  const sitePackages = other.runPython("import sysconfig; sysconfig.get_paths()['purelib']") as string;
  other.unpackArchive(zip, 'zip', { extractDir: sitePackages });
  const answer = other.runPython(`
import flask, importlib.metadata
app = flask.Flask('check')
app.secret_key = 'check'
@app.post('/store')
def store():
    flask.session['firstName'] = 'Ada'
    return 'ok'
response = app.test_client().post('/store')
(flask.__file__, importlib.metadata.version('flask'), response.headers['Set-Cookie'])
`) as { toJs(): [string, string, string] };
  const [file, version, setCookie] = answer.toJs();
  expect(file).toMatch(/flask\/__init__\.pyc$/);
  expect(version).toMatch(/^3\.1\.\d+$/);
  expect(setCookie).toMatch(/^session=eyJmaXJzdE5hbWUiOiJBZGEifQ\.[\w-]{6}\.[\w-]{27}; HttpOnly; Path=\/$/);
}, 120_000);
