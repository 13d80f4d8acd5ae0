/**
 * One sandbox request's context: created once by the recorder, filled by the engine and the route,
 * read by the recorder. Its two steps run in a fixed order as the headers are written, whatever order
 * the middleware was mounted in: `save` (the Flask engine writes the session cookie) and then
 * `record` (the recorder reads the headers as they will leave). Kept in `res.locals`, so nothing
 * outlives the request. A page that shows its own record fixes its headers first
 * (`respondAfterHeaders`) and then reads `exchange`.
 */
import type { Response } from 'express';
import onHeaders from 'on-headers';
import type { DisplaySession } from '../contract/display-json.ts';
import type { Engine, Exchange, SandboxAction, ServerKeeps, SessionStatus } from '../contract/exchange.ts';
import type { AnatomyOptions } from '../cookie-tools/index.ts';

export interface ExchangeContext {
  engine: Engine;
  action: SandboxAction;
  labAction?: string;
  /** How the incoming session cookie was judged, and by which key. */
  status: SessionStatus;
  keyIndex?: number;
  /** Set when the cookie's payload was not opened because it inflates past the engine's cap. */
  tooLarge?: true;
  /** Display JSON of the session as opened. */
  before: DisplaySession;
  /** Display JSON of the session as the request leaves it (read when the record is made). */
  after: () => DisplaySession;
  /** Keys to verify the cookie with in its anatomy (Flask engine only). */
  anatomyKeys?: AnatomyOptions;
  templateBranch?: 'if' | 'else';
  /** The HTML the lesson's template produced (GET / pages). */
  templateHtml?: string;
  /** Lines of the app that ran (set by the route; a lab experiment that runs an app line sets its own). */
  codeLines: number[];
  cookieWarning?: string;
  /** The server-side engine's row after this request. */
  serverKeeps?: ServerKeeps;
  /** A sentence to use instead of the generated summary (lab experiments explain themselves). */
  summary?: string;
  /**
   * Writes the session cookie. The engine sets it; a lab experiment that writes the cookie itself
   * replaces it (or sets it to undefined to write nothing).
   */
  save?: () => void;
  /** Builds the exchange record from the response's headers (set by the recorder). */
  record?: () => Exchange;
  /** The finished record, once the headers were written. */
  exchange?: Exchange;
}

interface Locals {
  sandboxExchange?: ExchangeContext & { finished: boolean };
}

/** Starts the context of a sandbox request; it is finished when the response's headers are written. */
export function startExchange(res: Response, engine: Engine): ExchangeContext {
  const context = {
    engine,
    action: 'show' as const,
    status: 'none' as const,
    before: {},
    after: () => ({}),
    codeLines: [],
    finished: false,
  };
  (res.locals as Locals).sandboxExchange = context;
  onHeaders(res, () => finishExchange(res));
  return context;
}

/** The context of a sandbox request; throws if the recorder was not mounted (a setup bug). */
export function exchangeOf(res: Response): ExchangeContext {
  const context = (res.locals as Locals).sandboxExchange;
  if (context === undefined) throw new Error('sandbox exchange missing: mount recordExchanges() first');
  return context;
}

/** Saves the session, then records the exchange, once. */
function finishExchange(res: Response): Exchange | undefined {
  const context = (res.locals as Locals).sandboxExchange;
  if (context === undefined) return undefined;
  if (!context.finished) {
    context.finished = true;
    context.save?.();
    context.exchange = context.record?.();
  }
  return context.exchange;
}
