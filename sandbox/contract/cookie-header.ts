/**
 * Request `Cookie` headers, one reading for the whole project: the server (which cookie the app
 * got, what the record keeps) and the page (what the inspector shows was sent) both split a header
 * here, so they never disagree. Each pair is the `cookie` package's reading: name and value
 * trimmed, the value as written (no URL decoding, as Werkzeug reads it), and a pair without `=`
 * is no cookie. No Node APIs: the page imports this file too.
 */
import { parseCookie } from 'cookie';

/** One cookie a request sent. */
export interface CookiePair {
  name: string;
  value: string;
}

const asWritten = (value: string): string => value;

/**
 * Every cookie of a `Cookie` header, in order, two of the same name both kept; a pair without `=`
 * (`junk`) is skipped, a pair with an empty name (`=v`) kept with name ''.
 * @example parseCookieHeader('session=a=b; junk; session.sig=c') // [{ name: 'session', value: 'a=b' }, { name: 'session.sig', value: 'c' }]
 */
export function parseCookieHeader(header: string | null | undefined): CookiePair[] {
  if (!header) return [];
  const pairs: CookiePair[] = [];
  for (const part of header.split(';')) {
    for (const [name, value] of Object.entries(parseCookie(part, { decode: asWritten }))) {
      pairs.push({ name, value: value ?? '' });
    }
  }
  return pairs;
}

/**
 * The value of the cookie `name` in a `Cookie` header: the first of that name (Werkzeug keeps the
 * first), undefined when none was sent.
 * @example cookieValue('session=a; session=b', 'session') // 'a'
 */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  return parseCookieHeader(header).find((pair) => pair.name === name)?.value;
}

/**
 * The name of one `name=value` pair as written in a header, by the same reading; undefined for a
 * pair that is no cookie. For keeping some pairs of a header exactly as they were sent.
 */
export function cookieNameOf(pair: string): string | undefined {
  return parseCookieHeader(pair)[0]?.name;
}
