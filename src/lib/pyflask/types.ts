/**
 * Real Flask in the learner's browser: the shapes the Code tab codes against. A stand-in until the
 * runtime's own file lands (same names and fields), browser-safe.
 */
export interface FlaskFiles {
  'flask_app.py': string;
  'templates/index.html': string;
  'templates/members.html'?: string;
}

/** One request to the learner's app; `body` is an urlencoded form. */
export interface WsgiRequest {
  method: string;
  path: string;
  query?: string;
  headers: [string, string][];
  body?: string;
}

export interface WsgiResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  error?: {
    kind: 'traceback' | 'timeout' | 'memory' | 'load';
    message: string;
    traceback?: string;
    line?: number;
    file?: string;
  };
}

export type LoadProgress =
  | { phase: 'download'; loaded: number; total: number }
  | { phase: 'python' }
  | { phase: 'flask' }
  | { phase: 'ready'; flaskVersion: string; versions: Record<string, string> };
