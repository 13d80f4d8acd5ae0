/**
 * Refusing cross-site writes (CSRF) with Fetch Metadata, the defence the course's CSRF lesson
 * points at. A state-changing request (anything but GET, HEAD, OPTIONS) is refused with a 403
 * before any route runs, so no cookie is set, when the browser says it came from another site:
 * - `Sec-Fetch-Site: cross-site`: always refused.
 * - `Sec-Fetch-Site: same-site` (another port or subdomain of this site, e.g. another app on the
 *   same machine): refused unless its `Origin` is exactly this site's.
 * - `Sec-Fetch-Site: same-origin` or `none` (typed by the user): allowed; browsers set the header
 *   themselves and a page cannot forge it.
 * - No `Sec-Fetch-Site` (older browsers): refused when an `Origin` is present and is not this site's.
 * - Neither header (curl, scripts, very old browsers): allowed; such clients carry no victim's cookies.
 * - A `Sec-Fetch-Site` no browser sends (an unknown value, empty), or either header sent twice:
 *   refused, since no browser does that and a lenient reading would let it pass as "no header".
 * "This site" is the scheme and host the request was made to: the Host header, or the forwarded
 * host and scheme when a trusted proxy sent them (express's `req.protocol`/`req.host` with trust proxy).
 */
import type { Request, RequestHandler } from 'express';
import { httpError } from './forms.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The values of Sec-Fetch-Site in the Fetch Metadata spec: browsers send exactly one of them. */
const fetchSites = new Set(['cross-site', 'same-site', 'same-origin', 'none']);

export const CROSS_SITE_REFUSED =
  'This form was sent from another website, so the sandbox refused it (a cross-site request forgery defence: the browser said so in its Sec-Fetch-Site and Origin headers). Nothing was changed. Use the forms on this site instead.';

/** This site's origin as the browser sees it, e.g. `http://127.0.0.1:4321`. */
function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.host}`.toLowerCase();
}

/** Why the request must be refused, or undefined when it may go on. */
export function crossSiteReason(req: Request): string | undefined {
  if (safeMethods.has(req.method)) return undefined;
  if (timesSent(req, 'sec-fetch-site') > 1 || timesSent(req, 'origin') > 1)
    return 'Sec-Fetch-Site or Origin sent twice';
  const site = req.get('sec-fetch-site')?.trim().toLowerCase();
  const origin = req.get('origin')?.trim().toLowerCase();
  const sameOrigin = origin !== undefined && origin === ownOrigin(req);
  if (site !== undefined && !fetchSites.has(site)) return 'a Sec-Fetch-Site no browser sends';
  if (site === 'same-origin' || site === 'none') return undefined;
  if (site === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  if (site === 'same-site') return sameOrigin ? undefined : 'Sec-Fetch-Site: same-site from another origin';
  if (origin !== undefined && !sameOrigin) return 'Origin of another site';
  return undefined;
}

/** How many times the request carried header `name` (Node joins or drops repeats in `req.headers`). */
function timesSent(req: Request, name: string): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === name) count++;
  return count;
}

/** Middleware: a 403 page (httpError, rendered by the error handler) for cross-site writes. */
export const refuseCrossSiteWrites: RequestHandler = (req, _res, next) => {
  next(crossSiteReason(req) === undefined ? undefined : httpError(403, CROSS_SITE_REFUSED));
};
