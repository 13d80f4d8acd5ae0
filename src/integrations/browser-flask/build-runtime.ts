import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserFlaskManifest } from '../../lib/pyflask/types.ts';
import { type PackedFlask, packFlask } from './pack-flask.ts';
import { loadCompilingPyodide, precompileFlask } from './precompile-flask.ts';
import { type PrecompressedFile, precompress } from './precompress.ts';
import { copyPyodide } from './pyodide-files.ts';

/** The folder under the built site (dist/client) for real Flask's files; the page reads `manifest.json` in it. */
export const runtimeFolder = '_pyodide';

export interface BuiltRuntime {
  manifest: BrowserFlaskManifest;
  /** The one line the build prints. */
  line: string;
  /** The files served, with the sizes of their precompressed variants (none without Flask). */
  files: PrecompressedFile[];
}

const manifestFile = 'manifest.json';

/**
 * Writes real Flask's files into the built site: Flask packed from `python` (FLASK_PYTHON) and
 * compiled to bytecode by Pyodide in Node, Pyodide's core under a hashed folder, and the manifest
 * naming them. With no Python with Flask
 * 3.1 it writes only a manifest that says why, and the rest of the site works as before. Each file
 * gets its gzip and brotli copies beside it (precompress.ts), which the server sends as they are.
 */
export async function buildRuntime(clientDir: string, python: string): Promise<BuiltRuntime> {
  const outDir = join(clientDir, runtimeFolder);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const flask = await precompiled(packFlask(python, outDir), outDir);
  let manifest: BrowserFlaskManifest;
  let line: string;
  let files: PrecompressedFile[] = [];
  if (flask.ok) {
    const pyodide = copyPyodide(outDir);
    manifest = {
      ok: true,
      pyodideDir: `${pyodide.dir}/`,
      flaskZip: flask.file,
      totalBytes: pyodide.bytes + flask.bytes,
      versions: { ...flask.versions, pyodide: pyodide.version, python: pyodide.python },
    };
    files = await precompress(outDir, (path) => path === manifestFile);
    const gzipped = files.reduce((sum, file) => sum + (file.gzip ?? file.bytes), 0);
    line = `Real Flask in the browser: packed Flask ${flask.versions.flask} from ${python}, with Pyodide ${pyodide.version} (${megabytes(gzipped)} MB to download, gzipped).`;
  } else {
    const why = `${flask.why}. To run real Flask in the browser, set FLASK_PYTHON to a Python with Flask 3.1 (pip install "flask>=3.1") and build again (npm run build).`;
    manifest = { ok: false, why };
    line = `Real Flask in the browser is off: ${why}`;
  }
  writeFileSync(join(outDir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, line, files };
}

/** The packed zip swapped for its precompiled form (precompile-flask.ts), named by its new content. */
async function precompiled(packed: PackedFlask, outDir: string): Promise<PackedFlask> {
  if (!packed.ok) return packed;
  const pyodide = await loadCompilingPyodide();
  const content = precompileFlask(pyodide, new Uint8Array(readFileSync(join(outDir, packed.file))));
  rmSync(join(outDir, packed.file));
  const file = `flask-${createHash('sha256').update(content).digest('hex').slice(0, 12)}.zip`;
  writeFileSync(join(outDir, file), content);
  return { ...packed, file, bytes: content.byteLength };
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
