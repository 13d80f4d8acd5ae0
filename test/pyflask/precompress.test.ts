/**
 * The build's precompression of real Flask's files: gzip and brotli copies beside each file they
 * shrink, none beside a file that is compressed already (a zip, random bytes) or that is skipped.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompress } from '../../src/integrations/browser-flask/precompress.ts';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-lab-precompress-'));
  mkdirSync(join(dir, 'pyodide-0123456789ab'));
  writeFileSync(join(dir, 'pyodide-0123456789ab', 'runtime.mjs'), 'export const answer = 42;\n'.repeat(2000));
  writeFileSync(join(dir, 'pyodide-0123456789ab', 'stdlib.zip'), randomBytes(64 * 1024));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ok: true, padding: 'x'.repeat(4000) }));
  return dir;
}

describe('precompress', () => {
  it('writes .br and .gz copies that decode to the file, beside each file they shrink', async () => {
    const dir = folder();
    const files = await precompress(dir, (path) => path === 'manifest.json');
    const runtime = join(dir, 'pyodide-0123456789ab', 'runtime.mjs');
    const original = readFileSync(runtime);
    expect(gunzipSync(readFileSync(`${runtime}.gz`)).equals(original)).toBe(true);
    expect(brotliDecompressSync(readFileSync(`${runtime}.br`)).equals(original)).toBe(true);
    const entry = files.find((file) => file.path === 'pyodide-0123456789ab/runtime.mjs');
    expect(entry?.bytes).toBe(original.byteLength);
    expect(entry?.gzip).toBe(readFileSync(`${runtime}.gz`).byteLength);
    expect(entry?.br).toBe(readFileSync(`${runtime}.br`).byteLength);
  });

  it('leaves a file that compression would not shrink by a tenth as it is', async () => {
    const dir = folder();
    const files = await precompress(dir, (path) => path === 'manifest.json');
    const zip = join(dir, 'pyodide-0123456789ab', 'stdlib.zip');
    expect(existsSync(`${zip}.gz`)).toBe(false);
    expect(existsSync(`${zip}.br`)).toBe(false);
    expect(files.find((file) => file.path.endsWith('stdlib.zip'))).toEqual({
      path: 'pyodide-0123456789ab/stdlib.zip',
      bytes: 64 * 1024,
    });
  });

  it('skips the files it is told to (the manifest, asked for again on every visit)', async () => {
    const dir = folder();
    const files = await precompress(dir, (path) => path === 'manifest.json');
    expect(existsSync(join(dir, 'manifest.json.gz'))).toBe(false);
    expect(files.map((file) => file.path).sort()).toEqual([
      'pyodide-0123456789ab/runtime.mjs',
      'pyodide-0123456789ab/stdlib.zip',
    ]);
  });
});
