/**
 * Bounds on what one client can queue, so a few scripts cannot keep the server from everyone else
 * (and from `/healthz`): work for a request happens as soon as it is read, so requests piled up on
 * a connection, or from one address over many connections, are turned away before any work.
 * - Per connection: browsers send one request at a time on a connection (they never pipeline), so a
 *   second request sent before the first was answered is a script's: it gets a 429 and the
 *   connection is closed, with whatever else it had queued unread.
 * - Per address, for sandbox GETs whose Cookie header is larger than one browser cookie can be
 *   (4 KB: a browser drops bigger cookies, so only scripts send them; a zlib bomb is 15.6 KB): at
 *   most MAX_HEAVY_GETS_IN_FLIGHT from one client address at once, each counted from its request
 *   until HEAVY_HOLD_MS after its answer was sent (or its connection closed). Why after: Node reads
 *   waiting connections and answers each at once, so a bomb page is "done" before the next is read
 *   and a count of unanswered ones stays at 1 while a hundred connections' bomb pages run back to
 *   back ahead of /healthz; holding each a moment caps them at a few per second per address.
 *   Past that: a 429 with Retry-After: 1 (the client asked too much; the server is fine, so no 5xx). Ordinary pages are not counted:
 *   a class behind one router shares one address (npm run bench:sandbox loads it with 256).
 * Both answers are small plain pages made without touching the sandbox.
 */
import type { RequestHandler, Response } from 'express';

/** Requests one connection may have unanswered at once (a browser has one). */
export const MAX_PIPELINED = 1;
/** Sandbox GETs with an oversized Cookie header one address may have in flight (counted until HEAVY_HOLD_MS after each answer). */
export const MAX_HEAVY_GETS_IN_FLIGHT = 8;
/** How long a heavy GET still counts after its answer. */
export const HEAVY_HOLD_MS = 250;
/** The largest cookie a browser keeps (name, value and attributes), in bytes. */
const BROWSER_COOKIE_BYTES = 4096;

const policy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'";

/** A 429 that asks to come back in a second, and optionally closes the connection. */
function busy(res: Response, message: string, close: boolean): void {
  res.status(429).set({ 'Retry-After': '1', 'Cache-Control': 'no-store', 'Content-Security-Policy': policy });
  if (close) res.set('Connection', 'close');
  res
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>429 · Too many requests</title></head><body><main><h1>Too many requests at once</h1><p>${message}</p></main></body></html>`,
    );
}

interface Counts<K> {
  get(key: K): number | undefined;
  set(key: K, count: number): void;
  delete(key: K): void;
}

/**
 * Counts requests in flight per key: from the request until its response is sent or its
 * connection closes, and `holdMs` longer.
 */
function inFlight<K>(counts: Counts<K>, holdMs: number) {
  const release = (key: K) => {
    const left = (counts.get(key) ?? 1) - 1;
    if (left <= 0) counts.delete(key);
    else counts.set(key, left);
  };
  return (key: K, res: Response): number => {
    const now = (counts.get(key) ?? 0) + 1;
    counts.set(key, now);
    res.once('close', () => (holdMs > 0 ? setTimeout(release, holdMs, key) : release(key)));
    return now;
  };
}

const perSocket = inFlight(new WeakMap<object, number>(), 0);

/** At most MAX_PIPELINED unanswered requests per connection; more close it. */
export const boundPipelining: RequestHandler = (req, res, next) => {
  if (perSocket(req.socket, res) <= MAX_PIPELINED) return next();
  busy(res, 'Too many requests at once on one connection. Please send one request at a time.', true);
};

/** At most MAX_HEAVY_GETS_IN_FLIGHT sandbox GETs with an oversized Cookie header per address (mount on /sandbox). */
export function boundSandboxGets(): RequestHandler {
  const perAddress = inFlight(new Map<string, number>(), HEAVY_HOLD_MS);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if ((req.headers.cookie?.length ?? 0) <= BROWSER_COOKIE_BYTES) return next();
    if (perAddress(req.ip ?? '', res) <= MAX_HEAVY_GETS_IN_FLIGHT) return next();
    busy(
      res,
      'The sandbox is busy with many oversized cookies from your network (bigger than a browser keeps). Please try again in a moment.',
      false,
    );
  };
}
