/**
 * A bounded look at a Flask cookie's compressed payload before anything opens it: does it inflate
 * past MAX_INFLATED? Node's zlib stops as soon as the output passes the cap, so a 15 KB zlib bomb
 * (12 MB of JSON) costs a few hundred microseconds here instead of 12 MB of memory and a 24 MB page.
 * Flask itself would inflate anything; real Flask cookies are under 4 KB, inflating to far less.
 *
 * TODO(engine inflate cap): once sandbox/flask-session refuses payloads past 64 KB with its own
 * typed error, callers can rely on it (anatomy's bad-payload verdict, openSession's 'bad-payload')
 * and this guard can go.
 */
import { inflateSync } from 'node:zlib';
import { type AnatomyOptions, anatomy, type CookieAnatomy } from '../cookie-tools/index.ts';

/** Largest inflated payload Session Lab opens, in bytes. */
export const MAX_INFLATED = 64 * 1024;

/** The sentence learners see for such a cookie. */
export const TOO_BIG_TO_OPEN =
  'the payload inflates past 64 KB; Session Lab does not open it (real Flask would inflate anything, but its cookies stay under 4 KB)';

/** True when `cookie` is a compressed Flask payload (leading '.') that inflates past MAX_INFLATED. */
export function inflatesPastCap(cookie: string | undefined | null): boolean {
  if (typeof cookie !== 'string' || !cookie.startsWith('.')) return false;
  const end = cookie.indexOf('.', 1);
  const segment = cookie.slice(1, end < 0 ? undefined : end);
  // zlib needs at least ~1 byte in per 1032 out: smaller inputs cannot pass the cap.
  if (segment.length * 0.75 * 1032 <= MAX_INFLATED) return false;
  try {
    inflateSync(Buffer.from(segment, 'base64url'), { maxOutputLength: MAX_INFLATED });
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE';
  }
}

/** `anatomy`, except that a payload inflating past the cap is judged unreadable without opening it. */
export function boundedAnatomy(cookie: string, options: AnatomyOptions = {}): CookieAnatomy {
  if (!inflatesPastCap(cookie)) return anatomy(cookie, options);
  return {
    input: cookie,
    isFlaskCookie: true,
    compressed: true,
    segments: [],
    verdict: { kind: 'bad-payload', reason: TOO_BIG_TO_OPEN },
  };
}
