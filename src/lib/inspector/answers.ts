/**
 * Reading the sandbox's JSON answers in the page: the body of a fetch is whatever came over the
 * wire, so each answer is checked against its contract (sandbox/contract/tool-answers.ts) before use.
 */
import { isExchange } from './timeline.ts';
import type { DecodeAnswer, Exchange, GuessAnswer } from './types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The learner's sentence of an error answer (`{ error, status }`), if the body is one.
 * @example errorOf({ error: 'Paste a cookie.', status: 400 }) // 'Paste a cookie.'
 */
export function errorOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
}

/**
 * Whether the body is a guess answer (and not an error, say).
 * @example isGuessAnswer({ key: null, tried: 3, perSecond: 9, seconds: 0.3, candidates: 3 }) // true
 */
export function isGuessAnswer(body: unknown): body is GuessAnswer {
  if (!isRecord(body)) return false;
  const { key, tried, perSecond, seconds, candidates } = body;
  return (
    (key === null || typeof key === 'string') &&
    [tried, perSecond, seconds, candidates].every((n) => typeof n === 'number')
  );
}

/** Whether the body is a decode answer: its two halves, the segments and whether a key was checked. */
export function isDecodeAnswer(body: unknown): body is DecodeAnswer {
  return (
    isRecord(body) &&
    isRecord(body.decoding) &&
    isRecord(body.verifying) &&
    typeof body.verifying.checked === 'boolean' &&
    Array.isArray(body.decoding.segments)
  );
}

/** The record an experiment answered with (`{ ok, exchange }`), or undefined. */
export function experimentExchangeOf(body: unknown): Exchange | undefined {
  return isRecord(body) && isExchange(body.exchange) ? body.exchange : undefined;
}
