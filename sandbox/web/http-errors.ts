/**
 * Errors and their HTTP status, one helper for the whole server (the site's last-resort handler and
 * the sandbox's friendlier one). Errors are `http-errors` objects, as express's body parser and
 * static files throw them; ours carry a message written for the learner.
 */
import createError from 'http-errors';

/** Marks an error whose message was written for learners (so it may be shown as is). */
const FOR_LEARNER = 'forLearner';

/** An HTTP error (4xx) whose message tells the learner what to fix. */
export function httpError(status: number, message: string): Error {
  return createError(status, message, { [FOR_LEARNER]: true });
}

/** The status to answer for anything thrown: an HTTP error's own (4xx or 5xx), else 500. */
export function statusOf(error: unknown): number {
  if (!createError.isHttpError(error)) return 500;
  return error.status >= 400 && error.status < 600 ? error.status : 500;
}

/** The learner's message of an error made by `httpError`, else undefined. */
export function learnerMessage(error: unknown): string | undefined {
  return createError.isHttpError(error) && error[FOR_LEARNER] === true && error.status < 500
    ? error.message
    : undefined;
}

/** The body parser's reason for a 4xx (its `type`, e.g. 'entity.too.large'), else undefined. */
export function parserType(error: unknown): string | undefined {
  return createError.isHttpError(error) && typeof error.type === 'string' ? error.type : undefined;
}
