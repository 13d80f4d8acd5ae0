/**
 * The project's import graph, read from the source text: every `import … from`, `export … from`,
 * bare `import '…'` and `import('…')` of the .ts, .mjs and .astro files under the given folders.
 * Type-only imports count too: a folder that names another's types depends on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** One import: the file that has it, and the specifier as written (a `?raw` query kept). */
export interface ImportEdge {
  /** Path of the importing file, from the project root. */
  from: string;
  specifier: string;
  /** For a relative specifier: the imported file, from the project root, without its query. */
  to?: string;
}

const SOURCE = /\.(ts|mjs|astro)$/;
const PATTERNS = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every source file under `folders` (paths from the project root), sorted. */
export function sourceFiles(...folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name)) out.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return out.sort();
}

/** The imports of one file (a path from the project root). */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1] as string;
      const edge: ImportEdge = { from: file, specifier };
      if (specifier.startsWith('.')) {
        edge.to = relative(root, resolve(root, dirname(file), specifier.replace(/\?.*$/, '')));
      }
      edges.push(edge);
    }
  }
  return edges;
}
