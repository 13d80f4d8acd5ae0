import type { FlaskRunError, WsgiResponse } from './types.ts';

/**
 * What Flask sends the browser when the learner's code raises: Werkzeug's own 500 page, byte for
 * byte (Flask 3.1.3 and 2.2.2 alike). As with `flask run`, the traceback is not in the page: the
 * Code tab shows it beside the frame, where a learner would read their terminal.
 */
export const flaskErrorPage =
  '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
  '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n';

/**
 * The 500 answer for an error in the learner's code (or a stop: a timeout, memory), with the error
 * kept beside it for the Code tab and the change strip.
 * @example errorResponse({ kind: 'timeout', message: 'your code ran longer than 5 s, so it was stopped' }).status // 500
 */
export function errorResponse(error: FlaskRunError): WsgiResponse {
  return {
    status: 500,
    statusText: 'INTERNAL SERVER ERROR',
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', String(new TextEncoder().encode(flaskErrorPage).length)],
    ],
    body: flaskErrorPage,
    error,
  };
}
