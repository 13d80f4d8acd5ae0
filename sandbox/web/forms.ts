/**
 * Form input: express.urlencoded with a small body limit, and fields read the way Flask's
 * `request.form[name]` does (a missing field is a 400 Bad Request; the first of repeated fields
 * wins), plus a length cap so nobody can grow a cookie or a page without bound.
 */
import express, { type Request, type RequestHandler } from 'express';
import { httpError } from './http-errors.ts';

export { httpError };

/** Longest accepted field value, in characters (the oversize lab needs ~5000). */
export const MAX_FIELD_LENGTH = 6000;

/**
 * Parses urlencoded forms up to `limit` bytes (bigger → 413, handled by the error page). Compressed
 * bodies (gzip, deflate, br) are refused with a 415: browsers never compress a form, and inflating
 * would spend work on bytes the limit did not count.
 */
export function formParser(limit: number): RequestHandler {
  return express.urlencoded({ extended: false, limit, parameterLimit: 20, inflate: false });
}

/** `request.form[name]`: the field's text, or a 400 when it is missing, a 413 when it is too long. */
export function requireField(req: Pick<Request, 'body'>, name: string, maxLength = MAX_FIELD_LENGTH): string {
  const value = optionalField(req, name, maxLength);
  if (value === undefined) {
    throw httpError(
      400,
      `Bad Request: the form has no "${name}" field. The browser (or proxy) sent a request that this server could not understand.`,
    );
  }
  return value;
}

/** `request.form.get(name)`: the field's text or undefined; a 413 when it is too long. */
export function optionalField(
  req: Pick<Request, 'body'>,
  name: string,
  maxLength = MAX_FIELD_LENGTH,
): string | undefined {
  return textField(req.body, name, maxLength);
}

/** A text field of a parsed form or query (the first of repeats), or undefined; a 413 when too long. */
export function textField(source: unknown, name: string, maxLength = MAX_FIELD_LENGTH): string | undefined {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) return undefined;
  const raw = (source as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  if (value.length > maxLength) {
    throw httpError(
      413,
      `The "${name}" field is too long: ${value.length} characters, at most ${maxLength} are accepted.`,
    );
  }
  return value;
}
