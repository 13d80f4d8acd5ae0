import type { CookieAnatomyView } from './anatomy.ts';
import type { DisplaySession } from './display-json.ts';

/** The engines the server runs. */
export type ServerEngine = 'flask' | 'express' | 'server-side';

/** Every engine an exchange can come from: the server's, and real Flask in the learner's browser (src/scripts/pyflask). */
export type Engine = ServerEngine | 'browser-flask';

/** Every engine, once each (a record, so adding an engine to the type without adding it here fails to compile). */
const engineSet = { flask: true, express: true, 'server-side': true, 'browser-flask': true } satisfies Record<
  Engine,
  true
>;

/** Whether `value` names an engine (a record read back from storage may come from an older site). */
export function isEngine(value: unknown): value is Engine {
  return typeof value === 'string' && Object.hasOwn(engineSet, value);
}

/** The sandbox app's routes, named by what they do. */
export type SandboxAction =
  | 'show'
  | 'store'
  | 'store-second'
  | 'flash'
  | 'clear'
  | 'permanent'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'members'
  | 'lab'
  /** A route of the learner's own app (real Flask in the browser): none of the handout's. */
  | 'other';

/** What the server-side engine's store holds for the session after this request ("what the server keeps"). */
export interface ServerKeeps {
  store: 'sqlite' | 'redis';
  /** The row's key, `session:<id>`; null when the request had no id the store knew and wrote none. */
  key: string | null;
  /** The session in the row (display JSON); null when there is no row (deleted, never written, store down). */
  value: DisplaySession | null;
  /** When the row expires, Unix milliseconds. */
  expiresAt?: number;
  /** One sentence on what happened to the row (deleted, new id on login, store unreachable). */
  note?: string;
}

/**
 * How the incoming session was judged: Flask's (the engine's `OpenStatus`: none, valid, bad
 * signature, expired, bad payload), plus the server-side engine's 'unknown-id' (an id the store
 * has no row for: logged out, expired or never issued).
 */
export type SessionStatus = 'none' | 'valid' | 'bad-signature' | 'expired' | 'bad-payload' | 'unknown-id';

/**
 * What the inspector shows for one request to a sandbox app. The server builds these (browsers hide
 * `Set-Cookie` and HttpOnly cookies from page scripts) and embeds them in the app page it renders;
 * for real Flask in the browser, the page builds them (src/lib/pyflask/exchange-of.ts).
 */
export interface Exchange {
  /** Unique per exchange (random); the inspector de-duplicates by it. */
  id: string;
  engine: Engine;
  /** When the server handled it, Unix milliseconds. */
  at: number;
  action: SandboxAction;
  /** For action 'lab': which experiment (e.g. 'tamper', 'set-key', 'forge', 'replay', 'flask-version'). */
  labAction?: string;
  method: string;
  /** Path as the browser requested it, e.g. '/sandbox/flask/store'. */
  path: string;
  status: number;
  /**
   * Location header of a redirect, without the `?trace=…` parameter the server appends to carry this
   * record to the next page (server note: the header sent is `location + '?trace=…'`).
   */
  location?: string;
  /** The request's `Cookie` header exactly as received (null when none), sandbox cookies only. */
  requestCookie: string | null;
  /** The request's `Sec-Fetch-Site` as the browser sent it (`same-origin` for the sandbox's own forms), when sent. */
  fetchSite?: string;
  /** Every `Set-Cookie` header the response carried, in order, exactly as sent. */
  setCookies: string[];
  /** The response's `Vary` header, if any. */
  vary: string | null;
  /** The session as the app saw it at the start of the request, and as it left it. */
  session: {
    /** How the incoming cookie was judged (for Express: 'valid' / 'bad-signature' / 'none'). */
    status: SessionStatus;
    /** Which key verified it: 0 = current key, 1.. = fallback keys. */
    keyIndex?: number;
    /** The session in display JSON. */
    before: DisplaySession;
    after: DisplaySession;
  };
  /** The session cookie's value the browser now holds after this response (null when deleted or unchanged-absent). */
  cookieAfter: string | null;
  /**
   * Anatomy of the session cookie set by this response (Flask engine), else of the one sent.
   * Server note: `anatomy.value` is given in the tag convention (plain JSON, like `session.before`),
   * and the signature is verified with the learner's own key settings (their lab key and fallbacks).
   */
  anatomy?: CookieAnatomyView;
  /**
   * 1-based line numbers of the Flask app source (sandboxAppSource) that ran; [] for lab experiments
   * that run no app line (they act on the key or the cookie from outside).
   */
  codeLines: number[];
  /** Which branch of the template's `{% if 'firstName' in session %}` ran, for pages that rendered it. */
  templateBranch?: 'if' | 'else';
  /**
   * The exact HTML the lesson's template produced on this page, escaped output included,
   * e.g. `First Name: &lt;b&gt;Ada&lt;/b&gt;<br>` (surrounding whitespace trimmed; '' when the
   * `{% if %}` block was skipped). Only on GET / pages.
   */
  templateHtml?: string;
  /** The server-side engine only: the store's row next to the cookie. */
  serverKeeps?: ServerKeeps;
  /** Werkzeug's warning when the cookie passed ~4 KB, word for word. */
  cookieWarning?: string;
  /** One sentence saying what happened, for the timeline and screen readers. */
  summary: string;
  /**
   * Added by the server: true when this record travelled in a redirect URL and was too big for it, so
   * long strings were cut to 200 characters plus "… [N more characters]" (the oversize lab does this).
   */
  truncated?: boolean;
}
