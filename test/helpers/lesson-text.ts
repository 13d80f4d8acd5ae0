/** The lessons' Markdown as written: each step's source, its key code and its fenced code blocks. */
import { readdirSync, readFileSync } from 'node:fs';
import { lessonSlug } from '../../src/lib/lessons.ts';

const folder = new URL('../../lessons/', import.meta.url);

/** The Markdown source of the step published at `slug`. */
export function lessonSource(slug: string): string {
  const name = readdirSync(folder).find(
    (file) => /^[^_].*\.mdx?$/.test(file) && lessonSlug(file.replace(/\.mdx?$/, '')) === slug,
  );
  if (!name) throw new Error(`no lesson is published at ${slug}`);
  return readFileSync(new URL(name, folder), 'utf8');
}

/** The step's text after its frontmatter. */
export function lessonBody(slug: string): string {
  return lessonSource(slug).split(/^---$/m).slice(2).join('---');
}

/** The step's key code (`keyCode.code`, a YAML block scalar indented four spaces). */
export function keyCode(slug: string): string {
  const lines = lessonSource(slug).split('\n');
  const start = lines.findIndex((line) => /^ {2}code: \|-?$/.test(line));
  const code: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith('    ')) break;
    code.push(line.slice(4));
  }
  return `${code.join('\n').trim()}\n`;
}

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The fenced code blocks of the step's text, in order. */
export function codeBlocks(slug: string): CodeBlock[] {
  return [...lessonBody(slug).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({
    lang: lang ?? '',
    code: code ?? '',
  }));
}

/** The one code block of the step that contains `text`. */
export function codeBlockWith(slug: string, text: string): string {
  const found = codeBlocks(slug).filter(({ code }) => code.includes(text));
  if (found.length !== 1) throw new Error(`${slug} has ${found.length} code blocks with ${text}`);
  return found[0]?.code ?? '';
}
