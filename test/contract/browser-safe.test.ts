/**
 * sandbox/contract/ is what the page's scripts and the server share, so nothing it imports, however
 * far down, may need Node: no `node:*` or other built-in module, no Node-only package.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, root, sourceFiles } from '../helpers/imports.ts';

/** Packages the contract may use: each runs in browsers as well as in Node. */
const BROWSER_SAFE_PACKAGES = new Set(['cookie']);
/** What the page's real-Flask library may use besides: tough-cookie (and its tldts), pako. */
const PAGE_PACKAGES = new Set([...BROWSER_SAFE_PACKAGES, 'tough-cookie', 'tldts', 'pako']);

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] as string);

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** What a file needs outside the project, following its relative imports all the way down. */
function outsideImports(file: string, seen = new Set<string>()): { file: string; specifier: string }[] {
  const found: { file: string; specifier: string }[] = [];
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const edge of importsOf(path)) {
      if (edge.to !== undefined) visit(edge.to);
      else found.push({ file: path, specifier: edge.specifier });
    }
  };
  visit(file);
  return found;
}

/** The imports among `found` that a browser could not load. */
const nodeOnly = (found: { file: string; specifier: string }[], allowed = BROWSER_SAFE_PACKAGES) =>
  found.filter(({ specifier }) => isBuiltin(specifier) || !allowed.has(packageOf(specifier)));

describe('sandbox/contract', () => {
  const files = sourceFiles('sandbox/contract');

  it('has the shared types and words', () => {
    expect(files).toEqual(
      expect.arrayContaining(['sandbox/contract/exchange.ts', 'sandbox/contract/verdicts.ts']),
    );
  });

  it.each(files)('%s imports nothing that needs Node, however deep', (file) => {
    expect(nodeOnly(outsideImports(file))).toEqual([]);
  });

  it('stays inside itself: its files import only each other and browser-safe packages', () => {
    const outside = files
      .flatMap(importsOf)
      .filter((edge) => edge.to !== undefined && !edge.to.startsWith('sandbox/contract/'));
    expect(outside).toEqual([]);
  });
});

describe('src/lib/pyflask (real Flask in the page)', () => {
  const files = sourceFiles('src/lib/pyflask');

  it.each(files)('%s imports nothing that needs Node, however deep', (file) => {
    expect(nodeOnly(outsideImports(file), PAGE_PACKAGES)).toEqual([]);
  });

  it.each(files)("%s reaches no file that uses Node's Buffer, however deep", (file) => {
    const reached = new Set<string>();
    outsideImports(file, reached);
    const withBuffer = [...reached].filter((path) =>
      /\bBuffer\.\w/.test(readFileSync(join(root, path), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')),
    );
    expect(withBuffer).toEqual([]);
  });
});

describe('src/', () => {
  it('reaches into sandbox/ only through contract/ and flask-session/ (and the app source it shows as text)', () => {
    const through = sourceFiles('src')
      .flatMap(importsOf)
      .filter((edge) => edge.to?.startsWith('sandbox/'))
      .filter((edge) => !/^sandbox\/(contract|flask-session)\//.test(edge.to as string))
      // `?raw` imports are text (flask_app.py and its template, shown to the learner), not code.
      .filter((edge) => !edge.specifier.endsWith('?raw'));
    expect(through).toEqual([]);
  });

  it('never imports the server', () => {
    expect(
      sourceFiles('src')
        .flatMap(importsOf)
        .filter((edge) => edge.to?.startsWith('server/')),
    ).toEqual([]);
  });
});

describe('the check itself', () => {
  it('catches a Node built-in and a Node-only package, and lets the browser-safe ones through', () => {
    const found = [
      { file: 'a.ts', specifier: 'node:crypto' },
      { file: 'a.ts', specifier: 'zlib' },
      { file: 'a.ts', specifier: 'express' },
      { file: 'a.ts', specifier: 'cookie' },
    ];
    expect(nodeOnly(found).map((f) => f.specifier)).toEqual(['node:crypto', 'zlib', 'express']);
  });

  it('follows relative imports down to what they import: the engine needs node:crypto', () => {
    expect(nodeOnly(outsideImports('sandbox/flask-session/index.ts')).map((f) => f.specifier)).toContain(
      'node:crypto',
    );
  });
});
