/** The itsdangerous category the CLI and the oracle report for each error a cookie can raise. */
import { describe, expect, it } from 'vitest';
import {
  BadData,
  BadPayload,
  BadSignature,
  BadTimeSignature,
  errorCategory,
  SignatureExpired,
} from '../../sandbox/flask-session/errors.ts';

describe('errorCategory', () => {
  it('names the most specific itsdangerous class, and BadData for anything else', () => {
    expect(
      [
        new SignatureExpired('old', 'p', 1, 2),
        new BadTimeSignature('bad'),
        new BadSignature('bad'),
        new BadPayload('bad'),
        new BadData('bad'),
        new TypeError('bug'),
        'text',
      ].map(errorCategory),
    ).toEqual([
      'SignatureExpired',
      'BadSignature',
      'BadSignature',
      'BadPayload',
      'BadData',
      'BadData',
      'BadData',
    ]);
  });
  it('gives each error its class name, as Python prints it', () => {
    expect(
      [
        new BadData('x'),
        new BadSignature('x'),
        new BadTimeSignature('x'),
        new SignatureExpired('x', 'p', 1, 2),
        new BadPayload('x'),
      ].map((error) => `${error}`),
    ).toEqual([
      'BadData: x',
      'BadSignature: x',
      'BadTimeSignature: x',
      'SignatureExpired: x',
      'BadPayload: x',
    ]);
  });
});
