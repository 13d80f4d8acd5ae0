/**
 * `npm ci` runs only the install scripts `allowScripts` in package.json approves, and says nothing
 * about the rest (the README promises the engine warnings are the only ones on an older Node).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/process.ts';

interface Pending {
  allowScripts: { name: string; changes: { key: string; change: string }[] }[];
}

describe('install scripts', () => {
  it('leaves no installed package with an install script unreviewed', () => {
    const output = execFileSync('npm', ['install-scripts', 'ls', '--json'], { cwd: root, encoding: 'utf8' });
    const pending = (JSON.parse(output) as Pending).allowScripts.flatMap(({ changes }) =>
      changes.map(({ key }) => key),
    );
    expect(pending).toEqual([]);
  });

  it('approves the Node 24 runtime and esbuild by name, and nothing else', () => {
    const manifest = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    expect(manifest.allowScripts).toEqual({ node: true, esbuild: true });
  });
});
