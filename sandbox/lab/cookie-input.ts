/**
 * A cookie value typed or pasted by a learner, checked before it goes into a Set-Cookie header
 * (Node refuses some characters there, and a browser would refuse others).
 */
import type { Request } from 'express';
import { isCookieValue } from '../web/cookies.ts';
import { httpError, requireField } from '../web/forms.ts';

/** Longest cookie value accepted from a learner (browsers keep at most ~4 KB). */
export const MAX_COOKIE_INPUT = 4096;

/** The `cookie` field: a non-empty cookie value without spaces, quotes, commas, semicolons or backslashes. */
export function requireCookieValue(req: Request): string {
  const value = pastedCookieValue(requireField(req, 'cookie', MAX_COOKIE_INPUT));
  if (value === '') throw httpError(400, 'Paste the cookie value (the part after "session=").');
  if (!isCookieValue(value)) {
    throw httpError(
      400,
      'A cookie value cannot contain spaces, quotes, commas, semicolons, backslashes or non-ASCII characters.',
    );
  }
  return value;
}

/**
 * The value out of whatever a learner pasted: a bare value, `session=…`, a whole
 * `Set-Cookie: session=…; HttpOnly; Path=/` or a `Cookie:` header with other cookies too.
 * (The page's lab does the same in src/lib/inspector/cookies.ts, `pastedCookieValue`.)
 * @example pastedCookieValue('session=eyJ.a.b; HttpOnly; Path=/') // 'eyJ.a.b'
 */
export function pastedCookieValue(text: string, name = 'session'): string {
  const trimmed = text.trim().replace(/^(set-)?cookie:\s*/i, '');
  const pairs = trimmed.split(';').map((pair) => pair.trim());
  const named = pairs.find((pair) => pair.startsWith(`${name}=`));
  if (named !== undefined) return named.slice(name.length + 1).trim();
  // No `session=` pair: a bare value, perhaps with attributes after it.
  return pairs[0] ?? '';
}
