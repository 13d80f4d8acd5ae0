import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The files of Pyodide's core that the worker fetches: pyodide.mjs (imported), then what
 * loadPyodide fetches from its indexURL (the runtime, its wasm, the standard library, the lock
 * file). No packages from Pyodide's CDN: Flask comes from the build's own zip.
 */
export const pyodideCoreFiles = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

/** Where npm installed Pyodide. */
export function pyodidePackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

export interface CopiedPyodide {
  /** The folder's name under _pyodide/, content-hashed: 'pyodide-<hash>'. */
  dir: string;
  version: string;
  python: string;
  bytes: number;
}

/**
 * Copies Pyodide's core into `outDir/pyodide-<hash>/`. The files load each other by fixed names
 * from one folder, so the folder's name carries the hash of them all.
 */
export function copyPyodide(outDir: string, from = pyodidePackageDir()): CopiedPyodide {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of pyodideCoreFiles) {
    const content = readFileSync(join(from, file));
    hash.update(file).update(content);
    bytes += content.byteLength;
  }
  const dir = `pyodide-${hash.digest('hex').slice(0, 12)}`;
  mkdirSync(join(outDir, dir), { recursive: true });
  for (const file of pyodideCoreFiles) copyFileSync(join(from, file), join(outDir, dir, file));
  const { version } = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { version: string };
  const lock = JSON.parse(readFileSync(join(from, 'pyodide-lock.json'), 'utf8')) as {
    info: { python: string };
  };
  return { dir, version, python: lock.info.python, bytes };
}
