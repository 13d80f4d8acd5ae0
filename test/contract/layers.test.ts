/**
 * The project's folders in layers: each imports only from layers below it, so the graph of folders
 * is a DAG with two ground floors, sandbox/contract/ (what the page and the server share) and
 * sandbox/flask-session/ (Flask's cookie format), which import nothing of the project. README's
 * "How it works" draws this graph. A new folder must be given its layer here.
 */
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importsOf, sourceFiles } from '../helpers/imports.ts';

/** Bottom first. Folders on one line must not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['sandbox/contract', 'sandbox/flask-session'],
  ['sandbox/cookie-tools', 'sandbox/web', 'sandbox/store', 'src/schemas', 'src/styles'],
  ['sandbox/exchange', 'sandbox/lab-settings', 'sandbox/cli', 'src/lib'],
  ['sandbox/recorder', 'src/scripts', 'src/integrations'],
  ['sandbox/apps', 'src/components'],
  ['sandbox/lab', 'sandbox/challenges', 'src/layouts'],
  // sandbox/router.ts and rate-limits.ts; src/content.config.ts.
  ['sandbox', 'src/pages', 'src'],
  ['server'],
  // astro.config.mjs.
  ['.'],
];

const rank = new Map(LAYERS.flatMap((folders, level) => folders.map((folder) => [folder, level] as const)));

/** The folder a file belongs to: sandbox/<x>/ and src/<x>/ are folders; server/ is one; top-level files are their parent's. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return '.';
  if (parts[0] === 'server' || parts.length === 2) return parts[0] as string;
  return `${parts[0]}/${parts[1]}`;
}

interface FolderEdge {
  from: string;
  to: string;
  /** One import that makes the edge, for the failure message. */
  via: ImportEdge;
}

/** The imports between folders (code only: `?raw` text imports are not code). */
function folderEdges(edges: readonly ImportEdge[]): FolderEdge[] {
  return edges
    .filter((edge) => edge.to !== undefined && !edge.specifier.endsWith('?raw'))
    .map((edge) => ({ from: folderOf(edge.from), to: folderOf(edge.to as string), via: edge }))
    .filter((edge) => edge.from !== edge.to);
}

/** Edges that do not run down: to the same layer or above, or from or to a folder with no layer. */
function notDownward(edges: readonly FolderEdge[], ranks: ReadonlyMap<string, number>): string[] {
  return edges
    .filter((edge) => !((ranks.get(edge.from) ?? -1) > (ranks.get(edge.to) ?? Number.POSITIVE_INFINITY)))
    .map((edge) => `${edge.via.from} imports ${edge.via.specifier} (${edge.from} → ${edge.to})`);
}

/** The cycles among folders: each strongly connected group of two or more (Tarjan), sorted. */
function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    next.get(from)?.add(to);
    if (!next.has(to)) next.set(to, new Set());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

const projectEdges = folderEdges([
  ...sourceFiles('src', 'sandbox', 'server').flatMap(importsOf),
  ...importsOf('astro.config.mjs'),
]);

describe('the layers', () => {
  it('every folder with code has a layer', () => {
    const folders = new Set(sourceFiles('src', 'sandbox', 'server').map(folderOf));
    expect([...folders].filter((folder) => !rank.has(folder))).toEqual([]);
  });

  it('every import between folders runs down the layers', () => {
    expect(notDownward(projectEdges, rank)).toEqual([]);
  });

  it('no folders import each other in a cycle', () => {
    expect(folderCycles(projectEdges)).toEqual([]);
  });

  it('the two ground floors import nothing of the project', () => {
    expect(
      projectEdges.filter(
        (edge) => edge.from === 'sandbox/contract' || edge.from === 'sandbox/flask-session',
      ),
    ).toEqual([]);
  });

  it('the graph has the edges README draws (a few that carry the design)', () => {
    const has = (from: string, to: string) => projectEdges.some((e) => e.from === from && e.to === to);
    expect(has('src/lib', 'sandbox/contract')).toBe(true);
    expect(has('src/lib', 'sandbox/flask-session')).toBe(true);
    expect(has('sandbox/apps', 'sandbox/recorder')).toBe(true);
    expect(has('sandbox/cli', 'sandbox/cookie-tools')).toBe(true);
    expect(has('server', 'sandbox')).toBe(true);
  });
});

describe('the check itself', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, specifier: `../${to}`, to });

  it('names the file of an import that runs up, across one layer, or to a folder with no layer', () => {
    const edges = folderEdges([
      edge('src/b/x.ts', 'src/a/y.ts'),
      edge('src/a/y.ts', 'src/b/x.ts'),
      edge('src/b/x.ts', 'src/c/z.ts'),
      edge('src/b/x.ts', 'src/d/w.ts'),
    ]);
    const named = new Map([
      ['src/a', 0],
      ['src/b', 1],
      ['src/c', 1],
    ]);
    expect(notDownward(edges, named)).toEqual([
      'src/a/y.ts imports ../src/b/x.ts (src/a → src/b)',
      'src/b/x.ts imports ../src/c/z.ts (src/b → src/c)',
      'src/b/x.ts imports ../src/d/w.ts (src/b → src/d)',
    ]);
  });

  it('finds a cycle through three folders, and none in a DAG', () => {
    const cyclic = folderEdges([
      edge('src/a/1.ts', 'src/b/1.ts'),
      edge('src/b/1.ts', 'src/c/1.ts'),
      edge('src/c/1.ts', 'src/a/1.ts'),
      edge('src/c/1.ts', 'src/d/1.ts'),
    ]);
    expect(folderCycles(cyclic)).toEqual([['src/a', 'src/b', 'src/c']]);
    expect(folderCycles(cyclic.slice(0, 2))).toEqual([]);
  });

  it('ignores text imports and imports inside one folder', () => {
    expect(
      folderEdges([
        {
          from: 'src/lib/a.ts',
          specifier: '../../sandbox/apps/flask_app.py?raw',
          to: 'sandbox/apps/flask_app.py',
        },
        edge('src/lib/a.ts', 'src/lib/inspector/b.ts'),
      ]),
    ).toEqual([]);
  });
});
