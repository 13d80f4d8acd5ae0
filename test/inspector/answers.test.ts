import { describe, expect, it } from 'vitest';
import {
  errorOf,
  experimentExchangeOf,
  isDecodeAnswer,
  isGuessAnswer,
} from '../../src/lib/inspector/answers.ts';
import { exchange } from './exchange-fixture.ts';

const guess = { key: 'dev', tried: 12, perSecond: 40_000, seconds: 0.0003, candidates: 812 };

describe('errorOf', () => {
  it("gives the server's sentence of an error answer", () => {
    expect(errorOf({ error: 'Paste a cookie.', status: 400 })).toBe('Paste a cookie.');
  });
  it('is undefined for anything else', () => {
    expect(errorOf(guess)).toBeUndefined();
    expect(errorOf(undefined)).toBeUndefined();
    expect(errorOf({ error: 400 })).toBeUndefined();
  });
});

describe('isGuessAnswer', () => {
  it('accepts a found key and a key not found', () => {
    expect(isGuessAnswer(guess)).toBe(true);
    expect(isGuessAnswer({ ...guess, key: null })).toBe(true);
  });
  it('refuses an error answer, a missing count and a key that is not text', () => {
    expect(isGuessAnswer({ error: 'That is not a Flask session cookie.', status: 400 })).toBe(false);
    expect(isGuessAnswer({ ...guess, tried: undefined })).toBe(false);
    expect(isGuessAnswer({ ...guess, key: 7 })).toBe(false);
    expect(isGuessAnswer(null)).toBe(false);
  });
});

describe('isDecodeAnswer', () => {
  const answer = { decoding: { decoded: true, segments: [] }, verifying: { checked: false } };
  it('accepts both halves', () => {
    expect(isDecodeAnswer(answer)).toBe(true);
  });
  it('refuses an error answer or a half missing', () => {
    expect(isDecodeAnswer({ error: 'Send a Flask session cookie.', status: 400 })).toBe(false);
    expect(isDecodeAnswer({ decoding: answer.decoding })).toBe(false);
    expect(isDecodeAnswer({ ...answer, verifying: {} })).toBe(false);
  });
});

describe('experimentExchangeOf', () => {
  it("gives an experiment's record", () => {
    const record = exchange({ action: 'lab', labAction: 'tamper' });
    expect(experimentExchangeOf({ ok: true, exchange: record })).toEqual(record);
  });
  it('is undefined when the answer holds no record', () => {
    expect(experimentExchangeOf({ ok: true })).toBeUndefined();
    expect(experimentExchangeOf({ ok: true, exchange: { id: 1 } })).toBeUndefined();
    expect(experimentExchangeOf('nope')).toBeUndefined();
  });
});
