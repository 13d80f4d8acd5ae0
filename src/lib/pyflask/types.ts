/**
 * Real Flask in the learner's browser: the shapes the page, the worker and the build share.
 * Browser-safe (no Node imports): the page's scripts, the Web Worker and the build all import it.
 */

/** The learner's files, as the Code tab holds them. Paths are relative to the app's folder. */
export interface FlaskFiles {
  'flask_app.py': string;
  'templates/index.html': string;
  'templates/members.html'?: string;
}

/** One request to the learner's app, as a browser would send it. */
export interface WsgiRequest {
  method: string;
  /** The path inside the app, e.g. '/store' (no query). */
  path: string;
  /** The query string without '?'. */
  query?: string;
  /** Request headers in order, e.g. ['Cookie', 'session=…'], ['Content-Type', 'application/x-www-form-urlencoded']. */
  headers: [string, string][];
  /** The body: an urlencoded form. */
  body?: string;
}

/** Why a request or a load did not get the app's own answer. */
export interface FlaskRunError {
  /**
   * traceback: the learner's code raised (or would not compile); timeout: ran over the limit and was
   * stopped; memory: Python ran out of memory; load: Pyodide or Flask could not be started.
   */
  kind: 'traceback' | 'timeout' | 'memory' | 'load';
  /** One line for the learner, e.g. "NameError: name 'sesion' is not defined". */
  message: string;
  /** Python's traceback, as Flask's development server would print it. */
  traceback?: string;
  /** The failing line in the learner's file (1-based), when the error is in one. */
  line?: number;
  /** Which of the learner's files, e.g. 'flask_app.py' or 'templates/index.html'. */
  file?: string;
}

/** The app's answer. On an error: a 500 page like Flask's development server's, and `error` set. */
export interface WsgiResponse {
  status: number;
  statusText: string;
  /** Response headers in order; several `Set-Cookie` stay separate. */
  headers: [string, string][];
  body: string;
  error?: FlaskRunError;
  /** How Flask judged the session cookie sent, and the session at the request's start and end (when a session was opened). */
  session?: WatchedSession;
}

/** What the bridge saw of Flask's session during one request. */
export interface WatchedSession {
  status: 'none' | 'valid' | 'bad-signature' | 'expired' | 'bad-payload';
  /** For a valid cookie, which key signed it: 0 the current key, i the i-th of SECRET_KEY_FALLBACKS. */
  keyIndex?: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** What the progress bar shows while real Flask starts. */
export type LoadProgress =
  /** Bytes of Pyodide and Flask received so far (uncompressed), of the total the manifest lists. */
  | { phase: 'download'; loaded: number; total: number }
  | { phase: 'python' }
  | { phase: 'flask' }
  | { phase: 'ready'; flaskVersion: string; versions: Record<string, string> };

/**
 * The build's record of what it packed (`_pyodide/manifest.json` under the site's base).
 * URLs are relative to the manifest's own URL.
 */
export type BrowserFlaskManifest =
  | {
      ok: true;
      /** Pyodide's folder (a content-hashed name, ending in '/'): pyodide.mjs, pyodide.asm.*, python_stdlib.zip. */
      pyodideDir: string;
      /** The zip of Flask and its pure-Python dependencies (content-hashed name). */
      flaskZip: string;
      /** Uncompressed bytes the worker downloads: the progress bar's total. */
      totalBytes: number;
      /** Versions packed, e.g. { flask: '3.1.3', werkzeug: '3.1.3', …, pyodide: '314.0.8', python: '3.14.0' }. */
      versions: Record<string, string>;
    }
  | {
      ok: false;
      /** One sentence: why the build packed no Flask, and how to make it. */
      why: string;
    };

/** Messages from the page to the worker. */
export type ToWorker =
  | { type: 'start'; manifestUrl: string }
  | { type: 'load'; id: number; files: FlaskFiles }
  | { type: 'request'; id: number; request: WsgiRequest };

/** Messages from the worker to the page. */
export type FromWorker =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'failed'; error: FlaskRunError }
  | { type: 'loaded'; id: number; error?: FlaskRunError }
  | { type: 'response'; id: number; response: WsgiResponse };

/** The limit on one request (or one import of the app) unless the page sets another. */
export const defaultTimeoutMs = 5000;

/** What the learner reads when their code ran over the limit. */
export function timeoutMessage(timeoutMs: number): string {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return `your code ran longer than ${seconds} s, so it was stopped`;
}
