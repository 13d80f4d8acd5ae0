/**
 * A small cookie jar for the framed app until the shared one (src/lib/pyflask/cookie-jar.ts) is in:
 * the same interface, so swapping is one import. It applies each Set-Cookie as a browser does for
 * one host: Path (the cookie goes only under its path), Max-Age / Expires, deletion, and a cookie
 * over 4 KB dropped. The header is read with the project's one Set-Cookie model.
 */
import { deletesCookie, parseSetCookie } from '../../../sandbox/contract/set-cookie.ts';

/** What became of one Set-Cookie. */
export interface JarOutcome {
  name: string;
  outcome: 'stored' | 'deleted' | 'dropped-oversize' | 'ignored';
  header: string;
}

interface Kept {
  name: string;
  value: string;
  path: string;
  /** Unix ms; undefined for a cookie that lasts while the page is open. */
  expiresAt?: number;
}

/** Browsers keep a cookie only when its name, value and attributes fit in 4096 bytes. */
const maxCookieBytes = 4096;

/** RFC 6265 §5.1.4: the directory of the request's path, the default for a cookie without Path. */
function defaultPath(pathname: string): string {
  const slash = pathname.lastIndexOf('/');
  return slash <= 0 ? '/' : pathname.slice(0, slash);
}

/** RFC 6265 §5.1.4: whether a request's path lies under a cookie's path. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

export class CookieJar {
  #cookies: Kept[] = [];

  /** Applies a response's Set-Cookie headers for the page at `url`. */
  receive(url: string, setCookieHeaders: readonly string[], now = Date.now()): JarOutcome[] {
    const { pathname } = new URL(url);
    return setCookieHeaders.map((header) => {
      const parsed = parseSetCookie(header);
      if (!parsed.name) return { name: '', outcome: 'ignored', header };
      if (new TextEncoder().encode(header).length > maxCookieBytes)
        return { name: parsed.name, outcome: 'dropped-oversize', header };
      const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(pathname);
      this.#cookies = this.#cookies.filter((c) => !(c.name === parsed.name && c.path === path));
      if (deletesCookie(parsed, now)) return { name: parsed.name, outcome: 'deleted', header };
      const expiresAt = parsed.maxAge !== undefined ? now + parsed.maxAge * 1000 : parsed.expires?.getTime();
      this.#cookies.push({ name: parsed.name, value: parsed.value ?? '', path, expiresAt });
      return { name: parsed.name, outcome: 'stored', header };
    });
  }

  /** The Cookie header a browser would send to `url` ('' for none): longer paths first. */
  cookieHeader(url: string, now = Date.now()): string {
    const { pathname } = new URL(url);
    this.#cookies = this.#cookies.filter((c) => c.expiresAt === undefined || c.expiresAt > now);
    return this.#cookies
      .filter((c) => pathMatches(pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  clear(): void {
    this.#cookies = [];
  }
}
