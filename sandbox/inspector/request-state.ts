/**
 * What the sandbox learns about one request while handling it, for its exchange record. The engine
 * fills in how it opened the session, the route says what it did, the recorder reads it all when
 * the headers go out. Kept per response in a WeakMap: nothing outlives the request.
 */
import type { Response } from 'express';
import type { AnatomyOptions, OpenStatus } from '../flask-session/index.ts';
import type { Engine, Exchange, SandboxAction } from './exchange.ts';

export interface RequestState {
  engine: Engine;
  action: SandboxAction;
  labAction?: string;
  /** How the incoming session cookie was judged, and by which key. */
  status: OpenStatus;
  keyIndex?: number;
  /** Display JSON of the session as opened. */
  before: Record<string, unknown>;
  /** Display JSON of the session as the request leaves it (read when the headers go out). */
  after: () => Record<string, unknown>;
  /** Keys to verify the cookie with in its anatomy (Flask engine only). */
  anatomyKeys?: AnatomyOptions;
  templateBranch?: 'if' | 'else';
  /** The HTML the lesson's template produced (GET / pages). */
  templateHtml?: string;
  /** Lines of the app that ran, when not those of `action` (a lab experiment that runs an app line). */
  codeLines?: number[];
  cookieWarning?: string;
  /** A sentence to use instead of the generated summary (lab experiments explain themselves). */
  summary?: string;
  /** The finished record, once the headers have been written. */
  exchange?: Exchange;
}

const states = new WeakMap<Response, RequestState>();

/** Starts the state of a sandbox request (the recorder calls this first). */
export function startState(res: Response, engine: Engine): RequestState {
  const state: RequestState = { engine, action: 'show', status: 'none', before: {}, after: () => ({}) };
  states.set(res, state);
  return state;
}

/** The state of a sandbox request; throws if the recorder was not mounted (a setup bug). */
export function stateOf(res: Response): RequestState {
  const state = states.get(res);
  if (state === undefined) throw new Error('sandbox request state missing: mount recordExchanges() first');
  return state;
}
