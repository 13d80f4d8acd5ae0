/** The one error-to-status helper that both the site's and the sandbox's error handlers use. */
import createError from 'http-errors';
import { describe, expect, it } from 'vitest';
import { httpError, learnerMessage, parserType, statusOf } from '../../sandbox/web/http-errors.ts';

describe('statusOf', () => {
  it("keeps an HTTP error's 4xx or 5xx status, and makes anything else a 500", () => {
    expect(statusOf(httpError(413, 'too long'))).toBe(413);
    expect(statusOf(createError(415, 'unsupported', { type: 'charset.unsupported' }))).toBe(415);
    expect(statusOf(createError(503))).toBe(503);
    expect(statusOf(new Error('bug'))).toBe(500);
    expect(statusOf({ status: 400 })).toBe(500); // not an http-errors error: a bug, not bad input
    expect(statusOf(undefined)).toBe(500);
  });
});

describe('learnerMessage and parserType', () => {
  it("shows only messages written for learners, and the body parser's reason apart", () => {
    expect(learnerMessage(httpError(400, 'Type a key.'))).toBe('Type a key.');
    const parser = createError(413, 'request entity too large', { type: 'entity.too.large' });
    expect(learnerMessage(parser)).toBeUndefined();
    expect(parserType(parser)).toBe('entity.too.large');
    expect(learnerMessage(new Error('secret detail'))).toBeUndefined();
    expect(learnerMessage(createError(500, 'db password wrong'))).toBeUndefined();
  });
});
