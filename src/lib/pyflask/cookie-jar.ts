/**
 * The page's cookie jar for real Flask in the browser: the worker's answers never reach the
 * browser's own cookie store, so this jar applies each `Set-Cookie` as a browser does (Path,
 * Max-Age / Expires, deletion, a cookie over 4 KB dropped) and writes the `Cookie` header of the
 * next request. Storage and matching are tough-cookie's (RFC 6265, synchronous, in memory);
 * deletion and the size rule are the project's one Set-Cookie model. Browser-safe.
 */
import { Cookie, MemoryCookieStore, CookieJar as ToughJar } from 'tough-cookie';
import { deletesCookie, parseSetCookie, tooBigForBrowsers } from '../../../sandbox/contract/set-cookie.ts';

/** What the jar did with one `Set-Cookie` header. */
export type JarOutcome =
  /** Kept (or replaced): `expires` is when it lapses (Unix ms), absent for a cookie that lasts the browser session. */
  | { kind: 'stored'; name: string; value: string; expires?: number }
  /**
   * Max-Age ≤ 0 or an Expires in the past. `held`: the jar held a cookie of that name, domain and
   * Path and forgot it; false when it held none there (a deletion for another Path leaves the
   * cookie it holds in place, as browsers do).
   */
  | { kind: 'deleted'; name: string; held: boolean }
  /** Name and value over 4096 bytes: dropped, as browsers do; the older cookie stays. */
  | { kind: 'too-big'; name: string; bytes: number }
  /** Not storable (malformed, or a Domain / Path / prefix rule refused it); `reason` says why. */
  | { kind: 'rejected'; name: string; reason: string };

/** One cookie the jar holds for a URL. */
export interface JarCookie {
  name: string;
  value: string;
  path: string;
  /** Unix ms; absent for a cookie that lasts the browser session. */
  expires?: number;
  httpOnly: boolean;
  secure: boolean;
}

export interface CookieJarOptions {
  /** The clock, Unix milliseconds (tests inject one; expiry is judged by it). */
  now?: () => number;
}

/** When a stored cookie lapses (Unix ms); undefined for a cookie that lasts the browser session. */
function expiryOf(cookie: Cookie): number | undefined {
  return cookie.expires instanceof Date ? cookie.expires.getTime() : undefined;
}

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

export class CookieJar {
  #store = new MemoryCookieStore();
  #jar = new ToughJar(this.#store);
  readonly #now: () => number;

  constructor(options: CookieJarOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Applies a response's `Set-Cookie` headers, in order, for a response from `url`. */
  receive(url: string, setCookieHeaders: readonly string[]): JarOutcome[] {
    return setCookieHeaders.map((header) => this.#receiveOne(url, header));
  }

  #receiveOne(url: string, header: string): JarOutcome {
    const parsed = parseSetCookie(header);
    const name = parsed.name;
    if (tooBigForBrowsers(parsed)) {
      return { kind: 'too-big', name, bytes: byteLength(name) + byteLength(parsed.value ?? '') };
    }
    const now = this.#now();
    const cookie = Cookie.parse(header);
    if (cookie === undefined) return { kind: 'rejected', name, reason: 'not a cookie header' };
    // Max-Age counts from when the cookie was set; tough-cookie would count it from its last
    // read (on the real clock), so it becomes the absolute date a browser computes.
    if (typeof cookie.maxAge === 'number') {
      cookie.expires = new Date(now + cookie.maxAge * 1000);
      cookie.maxAge = null;
    }
    const before = this.#unexpired(now);
    let stored: Cookie | undefined;
    try {
      stored = this.#jar.setCookieSync(cookie, url, { now: new Date(now) });
    } catch (error) {
      return { kind: 'rejected', name, reason: error instanceof Error ? error.message : String(error) };
    }
    if (stored === undefined) return { kind: 'rejected', name, reason: 'not stored' };
    // An expired cookie replaces the old one and is never sent again: the browser forgot it.
    if (deletesCookie(parsed, now)) {
      const { key, domain, path } = stored;
      const held = before.some((c) => c.key === key && c.domain === domain && c.path === path);
      return { kind: 'deleted', name, held };
    }
    const expires = expiryOf(stored);
    return { kind: 'stored', name, value: stored.value, ...(expires === undefined ? {} : { expires }) };
  }

  /** The `Cookie` header a browser would send to `url` now ('' when it would send none). */
  cookieHeader(url: string): string {
    return this.#live(url)
      .map((cookie) => cookie.cookieString())
      .join('; ');
  }

  /** The cookies the jar would send to `url` now, in the order of the `Cookie` header. */
  cookies(url: string): JarCookie[] {
    return this.#live(url).map((cookie) => {
      const expires = expiryOf(cookie);
      return {
        name: cookie.key,
        value: cookie.value,
        path: cookie.path ?? '/',
        ...(expires === undefined ? {} : { expires }),
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
      };
    });
  }

  /**
   * The cookies for `url` that have not lapsed by the jar's clock, longest path first, then oldest
   * (RFC 6265 5.4). tough-cookie judges expiry by the real clock, so the jar judges it here and
   * forgets the lapsed ones.
   */
  #live(url: string): Cookie[] {
    const now = this.#now();
    const live: Cookie[] = [];
    for (const cookie of this.#jar.getCookiesSync(url, { expire: false, sort: true })) {
      const expires = expiryOf(cookie);
      if (expires === undefined || expires > now) live.push(cookie);
      else if (cookie.domain && cookie.path)
        this.#store.removeCookie(cookie.domain, cookie.path, cookie.key, () => {});
    }
    return live;
  }

  /** Every cookie the jar holds that has not lapsed by its clock, whatever its domain and Path. */
  #unexpired(now: number): Cookie[] {
    let all: Cookie[] = [];
    // The memory store answers at once, so the callback has run when this returns.
    this.#store.getAllCookies((error, cookies) => {
      if (!error && cookies) all = cookies;
    });
    return all.filter((cookie) => {
      const expires = expiryOf(cookie);
      return expires === undefined || expires > now;
    });
  }

  /** Forgets every cookie (a new browser profile). */
  clear(): void {
    this.#jar.removeAllCookiesSync();
  }
}
