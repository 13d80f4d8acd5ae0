/**
 * "Proof on the spot": the page asks the server's Flask engine what it would send for the action
 * real Flask just answered in the browser, to compare the two `Set-Cookie`s byte for byte. The
 * question and the answer of POST /sandbox/api/same-action, shared by the page and the server.
 */

/** Where the page asks, under BASE_PATH. */
export const SAME_ACTION_PATH = '/sandbox/api/same-action';

/**
 * How far the signing time may be from the server's clock, in seconds: enough for a learner's
 * clock a little off, too little to sign cookies for any other time.
 */
export const MAX_SIGNING_SKEW_SECONDS = 300;

/** The handout's routes (flask_app.py) the server's engine replays, as `METHOD path`. */
export const SAME_ACTION_ROUTES: readonly string[] = [
  'GET /',
  'GET /members',
  'POST /login',
  'POST /store',
  'POST /store-second',
  'POST /flash',
  'POST /clear',
  'POST /permanent',
  'POST /logout',
];

/** Most form fields one question may carry (the app's forms have two at most). */
export const MAX_SAME_ACTION_FIELDS = 20;

/** The question: one request to the handout's app, as real Flask in the browser received it. */
export interface SameActionQuestion {
  /** 'GET' or 'POST'. */
  method: string;
  /** One of the handout's routes, e.g. '/store' (no query). */
  path: string;
  /** The form's fields in order, as `[name, value]` pairs (the first of repeated names counts, as in Flask). */
  form?: [string, string][];
  /** The `Cookie` header real Flask was sent (null or omitted: none). */
  cookie?: string | null;
  /** The second real Flask signed at (Unix seconds), within MAX_SIGNING_SKEW_SECONDS of the server's clock. */
  signedAt: number;
}

/** The answer: what the server's engine sends for the same request, signed with the handout's key. */
export interface SameActionAnswer {
  /** The status the handout's app answers with, e.g. 302 after Store. */
  status: number;
  /** The engine's `Set-Cookie` headers, in order (none: []), with Flask's app-root Path=/. */
  setCookies: string[];
  /** The second the engine signed at (the one asked for). */
  signedAt: number;
  /** Always the handout's public demo key, never the instructor's. */
  signedWith: 'handout-demo-key';
}
