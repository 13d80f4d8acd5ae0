/**
 * Bounds on what one client can queue, so a few scripts cannot keep the server from everyone else
 * (and from `/healthz`): work for a request happens as soon as it is read, so requests piled up on
 * a connection, or from one address over many connections, are turned away before any work.
 * - Per connection: browsers send one request at a time on a connection (they never pipeline), so a
 *   second request sent before the first was answered is a script's: it gets a 503 and the
 *   connection is closed, with whatever else it had queued unread.
 * - Per address: at most MAX_SANDBOX_GETS_IN_FLIGHT sandbox page views from one client address in
 *   flight, where in flight lasts until the answer is sent (or its connection closed) and the event
 *   loop's turn that handled it is over. Why the turn: Node reads every waiting connection in one
 *   turn and answers each at once, so without it 120 connections' bomb pages all count as done one
 *   by one and all run before /healthz is read. A class behind one router shares an address, but its
 *   pages take a few milliseconds each, so it rarely has more than a few in one turn. Past that: a 503
 *   with Retry-After: 1.
 * Both answers are small plain pages made without touching the sandbox.
 */
import type { RequestHandler, Response } from 'express';

/** Requests one connection may have unanswered at once (a browser has one). */
export const MAX_PIPELINED = 1;
/** Sandbox GETs one client address may have in flight (answered in this event-loop turn counts). */
export const MAX_SANDBOX_GETS_IN_FLIGHT = 16;

const policy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'";

/** A 503 that asks to come back in a second, and optionally closes the connection. */
function busy(res: Response, message: string, close: boolean): void {
  res.status(503).set({ 'Retry-After': '1', 'Cache-Control': 'no-store', 'Content-Security-Policy': policy });
  if (close) res.set('Connection', 'close');
  res
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>503 · Busy</title></head><body><main><h1>Busy</h1><p>${message}</p></main></body></html>`,
    );
}

interface Counts<K> {
  get(key: K): number | undefined;
  set(key: K, count: number): void;
  delete(key: K): void;
}

/**
 * Counts requests in flight per key: from the request until its response is sent or its
 * connection closes, and with `wholeTurn` until the end of that event-loop turn too.
 */
function inFlight<K>(counts: Counts<K>, wholeTurn: boolean) {
  const release = (key: K) => {
    const left = (counts.get(key) ?? 1) - 1;
    if (left <= 0) counts.delete(key);
    else counts.set(key, left);
  };
  return (key: K, res: Response): number => {
    const now = (counts.get(key) ?? 0) + 1;
    counts.set(key, now);
    res.once('close', () => (wholeTurn ? setImmediate(release, key) : release(key)));
    return now;
  };
}

const perSocket = inFlight(new WeakMap<object, number>(), false);

/** At most MAX_PIPELINED unanswered requests per connection; more close it. */
export const boundPipelining: RequestHandler = (req, res, next) => {
  if (perSocket(req.socket, res) <= MAX_PIPELINED) return next();
  busy(res, 'Too many requests at once on one connection. Please send one request at a time.', true);
};

/** At most MAX_SANDBOX_GETS_IN_FLIGHT unanswered sandbox GETs per client address (mount on /sandbox). */
export function boundSandboxGets(): RequestHandler {
  const perAddress = inFlight(new Map<string, number>(), true);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (perAddress(req.ip ?? '', res) <= MAX_SANDBOX_GETS_IN_FLIGHT) return next();
    busy(res, 'The sandbox is busy with many pages for your network. Please try again in a moment.', false);
  };
}
