import type { FlaskRunError, WsgiResponse } from './types.ts';

/** Escapes text for HTML: every learner's line is shown, never run. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The 500 answer for an error in the learner's code, like Flask's development server's page:
 * the error, then the traceback, with the failing line named.
 * @example errorResponse({ kind: 'timeout', message: 'your code ran longer than 5 s, so it was stopped' }).status // 500
 */
export function errorResponse(error: FlaskRunError): WsgiResponse {
  const where =
    error.line !== undefined
      ? `<p>Line ${error.line} of ${escapeHtml(error.file ?? 'flask_app.py')}</p>`
      : '';
  const traceback = error.traceback ? `<pre>${escapeHtml(error.traceback)}</pre>` : '';
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>500 Internal Server Error</title></head>' +
    `<body><h1>Internal Server Error</h1><p>${escapeHtml(error.message)}</p>${where}${traceback}</body></html>`;
  return {
    status: 500,
    statusText: 'INTERNAL SERVER ERROR',
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', String(new TextEncoder().encode(body).length)],
    ],
    body,
    error,
  };
}
