import { existsSync, readdirSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import type { RequestHandler } from 'express';
import { precompressedEncodings } from '../src/integrations/browser-flask/precompress.ts';

/**
 * Sends the build's precompressed copies (`<file>.br`, `<file>.gz`, written by precompress.ts) of
 * the files under `root` to clients that accept them, with Content-Encoding, their own length and
 * ETag, and `Vary: Accept-Encoding`; the server never compresses these files per request. Other
 * requests (no accepted encoding, a file without copies) go on to the static files, marked with
 * Vary too when a copy exists, so a shared cache keeps the two apart.
 */
export function servePrecompressed(root: string): RequestHandler {
  // Read once: the build writes the folder before the server starts, and its names are hashed.
  const variants = findVariants(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = safeDecode(req.path);
    const available = path === undefined ? undefined : variants.get(path);
    if (path === undefined || !available) return next();
    res.vary('Accept-Encoding');
    // Brotli first when both are accepted: 14 % smaller for the wasm. Browsers send br over HTTPS only.
    const chosen = precompressedEncodings.find(
      ({ encoding }) => available.has(encoding) && req.acceptsEncodings(encoding) === encoding,
    );
    if (!chosen) return next();
    res.type(extname(path));
    res.setHeader('Content-Encoding', chosen.encoding);
    res.sendFile(
      join(root, path + chosen.suffix),
      { maxAge: '1y', immutable: true, dotfiles: 'deny' },
      (error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  };
}

/** '/pyodide-…/pyodide.asm.wasm' → the encodings it has copies in. */
function findVariants(root: string): Map<string, Set<string>> {
  const variants = new Map<string, Set<string>>();
  if (!existsSync(root)) return variants;
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = `/${file.split(sep).join('/')}`;
    for (const { encoding, suffix } of precompressedEncodings) {
      if (!path.endsWith(suffix)) continue;
      const original = path.slice(0, -suffix.length);
      if (!existsSync(join(root, original))) continue;
      const set = variants.get(original) ?? new Set<string>();
      set.add(encoding);
      variants.set(original, set);
    }
  }
  return variants;
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
