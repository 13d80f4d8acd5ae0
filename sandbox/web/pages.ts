/**
 * Server-rendered HTML: nunjucks with autoescaping for every page (templates in sandbox/web/templates).
 * Nothing a learner sends is ever used as a template.
 */
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { basePath, withBase } from './base-path.ts';

const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader(new URL('./templates/', import.meta.url).pathname),
  { autoescape: true, throwOnUndefined: false },
);

/** Renders sandbox/web/templates/<name>.njk with `context` (autoescaped); `base` is the BASE_PATH prefix for links. */
export function renderPage(name: string, context: object): string {
  return env.render(`${name}.njk`, { base: basePath(), ...context });
}

/** Compiles a template shipped with the sandbox (never one a learner sent), with the same autoescaping. */
export function compileTemplate(source: string): nunjucks.Template {
  return new nunjucks.Template(source, env);
}

/**
 * Fixes the headers first, then builds the body from what they turned out to be. Why: the page shows
 * its own exchange record, and the Set-Cookie is only final once the engines have run on-headers.
 */
export function respondAfterHeaders(
  res: Response,
  status: number,
  type: 'html' | 'json',
  build: () => string,
): void {
  res.status(status);
  res.setHeader(
    'Content-Type',
    type === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
  );
  res.setHeader('Cache-Control', 'no-store');
  // writeHead fixes the headers (and runs the on-headers hooks) without sending them yet, so
  // headers and body leave in one write.
  res.writeHead(status);
  res.end(build());
}

/** The app page of an engine, where its routes redirect to. */
export function pageOf(engine: 'flask' | 'express' | 'server-side'): string {
  return withBase(`/sandbox/${engine}/`);
}

/**
 * A 302 like Flask's `redirect()`: Location plus Werkzeug's short HTML body. Why not res.redirect:
 * it negotiates the body and adds `Vary: Accept`, which Flask does not send.
 */
export function redirectTo(res: Response, url: string): void {
  const href = escapeHtml(url);
  res.status(302).setHeader('Location', url);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
      `<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. If not, click the link.\n`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** True when the client asked for JSON (`Accept: application/json`) rather than a page. */
export function wantsJson(accepts: (types: string[]) => string | false): boolean {
  return accepts(['html', 'json']) === 'json';
}
