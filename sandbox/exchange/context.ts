/**
 * One sandbox request's context, kept in `res.locals` so nothing outlives the request. The walk of
 * a request goes down once and comes back once:
 *   1. the recorder starts it with the function that builds the record (recording is not optional);
 *   2. the engine reports what it opened, and how its cookie gets written, in one call;
 *   3. the route (or a lab experiment) adds what it did: the action, the app lines, a summary, and,
 *      for an experiment, that it writes the cookie itself;
 *   4. as the headers are written: the engine's save (when it saves then), then the watchers of the
 *      written cookie, then the record, each once, whatever order the middleware was mounted in.
 * A page that shows its own record fixes its headers first (`respondAfterHeaders`) and then reads
 * `recordOf(res)`.
 */
import type { Response } from 'express';
import onHeaders from 'on-headers';
import type { DisplaySession } from '../contract/display-json.ts';
import type { Engine, Exchange, SandboxAction, ServerKeeps, SessionStatus } from '../contract/exchange.ts';
import type { AnatomyOptions } from '../cookie-tools/index.ts';

/** What an engine found in the request's cookie. */
export interface OpenedSession {
  /** How the incoming session cookie was judged, and by which key (0 = current, 1.. = fallbacks). */
  status: SessionStatus;
  keyIndex?: number;
  /** The cookie's payload was not opened because it inflates past the engine's cap. */
  tooLarge?: true;
  /** Display JSON of the session as opened. */
  before: DisplaySession;
  /** Display JSON of the session as the request leaves it (read when the record is made). */
  after: () => DisplaySession;
  /** Keys to verify the cookie with in its anatomy (Flask engine only). */
  anatomyKeys?: AnatomyOptions;
}

/** How the engine's session cookie reaches the response. */
export type EngineCookieWrite =
  /** Flask's save_session: runs as the headers are written, after the route changed the session. */
  | { when: 'on-headers'; save: () => void }
  /** The engine writes it on its own (cookie-session's own header listener, the server-side store's commit). */
  | { when: 'by-itself' };

/** Who writes the session cookie of this response. */
type CookieWriter = EngineCookieWrite | { when: 'by-experiment' } | { when: 'nobody' };

export interface ExchangeContext {
  readonly engine: Engine;
  /** What the engine opened; an empty 'none' session until it reports. */
  readonly opened: Readonly<OpenedSession>;
  action: SandboxAction;
  labAction?: string;
  /** Lines of the app that ran (set by the route; a lab experiment that runs an app line sets its own). */
  codeLines: number[];
  templateBranch?: 'if' | 'else';
  /** The HTML the lesson's template produced (GET / pages). */
  templateHtml?: string;
  cookieWarning?: string;
  /** The server-side engine's row after this request. */
  serverKeeps?: ServerKeeps;
  /** A sentence to use instead of the generated summary (lab experiments explain themselves). */
  summary?: string;
}

interface Context extends ExchangeContext {
  opened: OpenedSession;
  writer: CookieWriter;
  /** Run after the cookie is written and before the record is made (the challenge judge). */
  watchers: (() => void)[];
  record: (context: ExchangeContext) => Exchange;
  exchange?: Exchange;
}

interface Locals {
  sandboxExchange?: Context;
}

/** Starts the context of a sandbox request; `record` builds its record once the headers are written. */
export function startExchange(
  res: Response,
  engine: Engine,
  record: (context: ExchangeContext) => Exchange,
): ExchangeContext {
  const context: Context = {
    engine,
    opened: { status: 'none', before: {}, after: () => ({}) },
    writer: { when: 'nobody' },
    watchers: [],
    record,
    action: 'show',
    codeLines: [],
  };
  (res.locals as Locals).sandboxExchange = context;
  onHeaders(res, () => finish(context));
  return context;
}

/** The context of a sandbox request; throws if the recorder was not mounted (a setup bug). */
export function exchangeOf(res: Response): ExchangeContext {
  return contextOf(res);
}

/** The engine's one report: what it opened, and how its cookie gets written. */
export function reportOpened(res: Response, opened: OpenedSession, write: EngineCookieWrite): void {
  const context = contextOf(res);
  context.opened = opened;
  context.writer = write;
}

/**
 * A lab experiment declares that it writes the session cookie itself (or, by writing none, keeps
 * the browser's): the engine's save does not run. `sends` is the session the written cookie holds,
 * when it is not the engine's session as the request leaves it.
 */
export function experimentWritesCookie(res: Response, sends?: () => DisplaySession): void {
  const context = contextOf(res);
  context.writer = { when: 'by-experiment' };
  if (sends !== undefined) context.opened = { ...context.opened, after: sends };
}

/** The cookie's anatomy is verified with these keys (a lab experiment that switched the learner's keys). */
export function verifyAnatomyWith(res: Response, keys: AnatomyOptions): void {
  const context = contextOf(res);
  context.opened = { ...context.opened, anatomyKeys: keys };
}

/** Runs `watch` once the session cookie is written, before the record is made. */
export function whenCookieWritten(res: Response, watch: () => void): void {
  contextOf(res).watchers.push(watch);
}

/** The finished record; throws when asked before the headers were written (a setup bug). */
export function recordOf(res: Response): Exchange {
  const { exchange } = contextOf(res);
  if (exchange === undefined) throw new Error('sandbox exchange read before its headers were written');
  return exchange;
}

function contextOf(res: Response): Context {
  const context = (res.locals as Locals).sandboxExchange;
  if (context === undefined) throw new Error('sandbox exchange missing: mount recordExchanges() first');
  return context;
}

/** Saves the session, lets the watchers see it, then records the exchange (on-headers runs this once). */
function finish(context: Context): void {
  if (context.writer.when === 'on-headers') context.writer.save();
  for (const watch of context.watchers) watch();
  context.exchange = context.record(context);
}
