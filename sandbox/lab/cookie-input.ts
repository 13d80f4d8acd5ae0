/**
 * A cookie value typed or pasted by a learner, checked before it goes into a Set-Cookie header
 * (Node refuses some characters there, and a browser would refuse others).
 */
import type { Request } from 'express';
import { pastedCookieValue } from '../contract/set-cookie.ts';
import { isCookieValue } from '../web/cookies.ts';
import { httpError, requireField } from '../web/forms.ts';

export { pastedCookieValue };

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
