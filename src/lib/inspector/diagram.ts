import { deletesCookie, parseCookieHeader, parseSetCookie } from './cookies.ts';
import { truncateMiddle } from './format.ts';
import type { Exchange } from './types.ts';

/** What the per-exchange picture shows: two arrows between browser and server, and a text equivalent. */
export interface DiagramModel {
  /** The request arrow's labels: the request line, then the cookie it carried. */
  request: [string, string];
  /** The response arrow's labels: the status, then the cookie(s) set. */
  response: [string, string];
  /** The whole picture in one sentence, for `aria-label`. */
  label: string;
}

/** The path inside the engine's app, after any BASE_PATH prefix and /sandbox/<engine>. */
const shortPath = (path: string) => path.replace(/^(?:\/[^/]+)*?\/sandbox\/(flask|express)/, '') || '/';

/**
 * Builds the picture of one exchange: browser → server with the `Cookie` it carried,
 * server → browser with the `Set-Cookie` it answered.
 * @example diagramModel(exchange).label // 'Browser sent POST /store with no cookie; server answered 302 and set session.'
 */
export function diagramModel(exchange: Exchange, max = 28): DiagramModel {
  const sent = parseCookieHeader(exchange.requestCookie).map((c) => c.name || '?');
  const set = exchange.setCookies.map((header) => {
    const cookie = parseSetCookie(header);
    return deletesCookie(cookie, exchange.at) ? `${cookie.name} (deleted)` : cookie.name;
  });
  const request = `${exchange.method} ${shortPath(exchange.path)}`;
  const cookieText = exchange.requestCookie
    ? `Cookie: ${truncateMiddle(exchange.requestCookie, max)}`
    : 'no Cookie';
  const setText = set.length ? `Set-Cookie: ${truncateMiddle(set.join(', '), max)}` : 'no Set-Cookie';
  const label =
    `Browser sent ${request} with ${sent.length ? `cookie ${sent.join(' and ')}` : 'no cookie'}; ` +
    `server answered ${exchange.status} and ${set.length ? `set ${set.join(' and ')}` : 'set no cookie'}.`;
  return { request: [request, cookieText], response: [String(exchange.status), setText], label };
}
