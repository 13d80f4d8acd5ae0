/**
 * The recorder: middleware that starts each sandbox request's exchange context and, when the
 * response is finished, writes its exchange record from the headers exactly as they leave
 * (Set-Cookie, Vary, status, Location). A redirect carries its record to the next page in `?trace=`;
 * a page that shows its own record reads it with `recordOf(res)`.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Engine, Exchange } from '../contract/exchange.ts';
import { deletesCookie, lastSetCookie, parseSetCookie } from '../contract/set-cookie.ts';
import { anatomy, anatomyView } from '../cookie-tools/index.ts';
import { type ExchangeContext, startExchange } from '../exchange/context.ts';
import { readCookie, sandboxCookieHeader } from '../web/cookies.ts';
import { boundRecord } from './bounds.ts';
import { summarize } from './summary.ts';
import type { TraceCodec } from './trace.ts';

/** Browsers keep cookies up to 4096 bytes (name, value and attributes); bigger ones are dropped. */
export const BROWSER_COOKIE_LIMIT = 4096;

export interface RecorderOptions {
  engine: Engine;
  traces: TraceCodec;
}

/** Records each request's exchange; appends `?trace=` to redirects. */
export function recordExchanges({ engine, traces }: RecorderOptions): RequestHandler {
  return (req, res, next) => {
    const at = Date.now();
    startExchange(res, engine, (context) => {
      const exchange = buildExchange(req, res, context, at);
      if (exchange.location !== undefined) {
        const separator = exchange.location.includes('?') ? '&' : '?';
        res.setHeader('Location', `${exchange.location}${separator}trace=${traces.seal(exchange)}`);
      }
      return exchange;
    });
    next();
  };
}

function buildExchange(req: Request, res: Response, state: ExchangeContext, at: number): Exchange {
  const setCookies = headerList(res.getHeader('set-cookie'));
  const vary = res.getHeader('vary');
  const location = res.getHeader('location');
  const sent = readCookie(req, 'session') ?? null;
  const cookieAfter = cookieHeld(sent, setCookies, at);
  const { opened } = state;
  // Optional facts are left undefined when absent: the record reaches pages and traces as JSON, which drops them.
  const facts: Omit<Exchange, 'id' | 'at' | 'summary'> = {
    engine: state.engine,
    action: state.action,
    labAction: state.labAction,
    method: req.method,
    path: (req.originalUrl.split('?')[0] as string).slice(0, 300),
    status: res.statusCode,
    location: typeof location === 'string' ? location : undefined, // only redirects set one
    requestCookie: sandboxCookieHeader(req),
    ...fetchSiteOf(req),
    setCookies,
    vary: vary === undefined ? null : String(vary),
    session: {
      status: opened.status,
      keyIndex: opened.keyIndex,
      before: opened.before,
      after: opened.after(),
    },
    cookieAfter,
    ...anatomyPart(state, lastSetCookie(setCookies, 'session')?.value || sent),
    codeLines: state.codeLines,
    templateBranch: state.templateBranch,
    templateHtml: state.templateHtml,
    cookieWarning: state.cookieWarning,
    serverKeeps: state.serverKeeps,
  };
  const summary = state.summary ?? summarize(facts, opened.tooLarge === true);
  return boundRecord({ id: randomUUID(), at, ...facts, summary });
}

/** The browser's word on where the request came from (a short token; anything longer is not recorded). */
function fetchSiteOf(req: Request): { fetchSite?: string } {
  const value = req.get('sec-fetch-site');
  return value && value.length <= 20 ? { fetchSite: value } : {};
}

/** Set-Cookie as a list, in order. */
function headerList(value: ReturnType<Response['getHeader']>): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** What the browser holds after the response: the new value, null if deleted, else what it sent. */
function cookieHeld(sent: string | null, setCookies: string[], now: number): string | null {
  const header = setCookies.findLast((h) => parseSetCookie(h).name === 'session');
  if (header === undefined) return sent;
  if (Buffer.byteLength(header) > BROWSER_COOKIE_LIMIT) return sent; // browsers silently drop it
  const cookie = parseSetCookie(header);
  return !cookie.value || deletesCookie(cookie, now) ? null : cookie.value;
}

/** The Flask engine's anatomy of a cookie, with its payload in display JSON (never a bomb opened). */
function anatomyPart(state: ExchangeContext, cookie: string | null | undefined): Pick<Exchange, 'anatomy'> {
  const keys = state.opened.anatomyKeys;
  if (keys === undefined || !cookie) return {};
  return { anatomy: anatomyView(anatomy(cookie, keys)) };
}
