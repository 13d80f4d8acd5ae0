/**
 * Real Flask's files over real HTTP from the started server: the build's gzip and brotli copies go
 * as they are (Content-Encoding, their own Content-Length, Vary, a year's immutable caching); a
 * client that accepts neither gets the file itself; nothing is compressed per request.
 */
import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDistDir } from '../../server/server.ts';
import type { BrowserFlaskManifest } from '../../src/lib/pyflask/types.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';

const runtimeDir = join(defaultDistDir, 'client', '_pyodide');
let server: RunningServer;
let manifest: Extract<BrowserFlaskManifest, { ok: true }>;

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request, the body as sent on the wire (no decoding). */
function fetchRaw(path: string, headers: Record<string, string>, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const sent = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

beforeAll(async () => {
  const read = JSON.parse(readFileSync(join(runtimeDir, 'manifest.json'), 'utf8')) as BrowserFlaskManifest;
  if (!read.ok) throw new Error(`The site was built without real Flask: ${read.why}`);
  manifest = read;
  server = await startServer();
});
afterAll(() => server?.close());

const wasmPath = () => `/_pyodide/${manifest.pyodideDir}pyodide.asm.wasm`;
const wasm = () => readFileSync(join(runtimeDir, manifest.pyodideDir, 'pyodide.asm.wasm'));

describe('the WebAssembly runtime', () => {
  it('goes gzipped as the build wrote it to a client that accepts gzip (as browsers do over http)', async () => {
    const res = await fetchRaw(wasmPath(), { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const onDisk = readFileSync(join(runtimeDir, manifest.pyodideDir, 'pyodide.asm.wasm.gz'));
    expect(Number(res.headers['content-length'])).toBe(onDisk.byteLength);
    expect(res.body.equals(onDisk)).toBe(true);
    expect(gunzipSync(res.body).equals(wasm())).toBe(true);
  });

  it('goes as brotli when the client accepts it (browsers over https), smaller than gzip', async () => {
    const res = await fetchRaw(wasmPath(), { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.byteLength);
    expect(res.body.byteLength).toBeLessThan(wasm().byteLength / 2.5);
    expect(brotliDecompressSync(res.body).equals(wasm())).toBe(true);
  });

  it('honours an encoding refused with q=0', async () => {
    const res = await fetchRaw(wasmPath(), { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('goes as it is, with Vary, to a client that accepts no encoding', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }] as Record<string, string>[]) {
      const res = await fetchRaw(wasmPath(), headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(res.headers['content-length'])).toBe(wasm().byteLength);
      expect(res.body.equals(wasm())).toBe(true);
    }
  });

  it('answers HEAD with the same headers and no body, and a revalidation with 304', async () => {
    const head = await fetchRaw(wasmPath(), { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1_000_000);
    expect(head.body.byteLength).toBe(0);
    const etag = head.headers.etag ?? '';
    expect(etag).not.toBe('');
    const again = await fetchRaw(wasmPath(), { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    // The gzip copy and the file itself are two representations: never the same ETag.
    const identity = await fetchRaw(wasmPath(), {}, 'HEAD');
    expect(identity.headers.etag).not.toBe(etag);
  });
});

describe('the rest of real Flask’s files', () => {
  it('sends every precompressed JavaScript and JSON file with its type and encoding', async () => {
    for (const [file, type] of [
      ['pyodide.mjs', /^text\/javascript/],
      ['pyodide.asm.mjs', /^text\/javascript/],
      ['pyodide-lock.json', /^application\/json/],
    ] as const) {
      const res = await fetchRaw(`/_pyodide/${manifest.pyodideDir}${file}`, { 'Accept-Encoding': 'gzip' });
      expect(res.headers['content-encoding'], file).toBe('gzip');
      expect(res.headers['content-type'], file).toMatch(type);
      expect(
        gunzipSync(res.body).equals(readFileSync(join(runtimeDir, manifest.pyodideDir, file))),
        file,
      ).toBe(true);
    }
  });

  it("sends Pyodide's standard library zip (compressed already) as it is, never compressed per request", async () => {
    const file = `${manifest.pyodideDir}python_stdlib.zip`;
    const res = await fetchRaw(`/_pyodide/${file}`, { 'Accept-Encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(readFileSync(join(runtimeDir, file)).byteLength);
  });

  it("sends Flask's zip (entries stored, so the whole file compresses) as its precompressed copy", async () => {
    const file = manifest.flaskZip;
    const original = readFileSync(join(runtimeDir, file));
    const gz = await fetchRaw(`/_pyodide/${file}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    expect(gz.body.byteLength).toBeLessThan(original.byteLength / 2);
    const br = await fetchRaw(`/_pyodide/${file}`, { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
  });

  it('has the browser ask again for the manifest, which names the hashed files', async () => {
    const res = await fetchRaw('/_pyodide/manifest.json', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect((JSON.parse(res.body.toString('utf8')) as BrowserFlaskManifest).ok).toBe(true);
  });

  it('answers 404 for a file that is not there, compressed or not', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'gzip, br' }] as Record<string, string>[]) {
      const res = await fetchRaw(`/_pyodide/${manifest.pyodideDir}missing.wasm`, headers);
      expect(res.status).toBe(404);
    }
  });
});
