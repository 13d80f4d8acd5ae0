/**
 * "Real Flask sent the same bytes": the server's Flask engine against real Flask 3.1.3's answers
 * (test/fixtures/browser-flask-exchanges.json, recorded at the frozen second 1796637600 with the
 * handout's key), and the sentences for each way two cookies can differ.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyTuple } from '../../sandbox/flask-session/values.ts';
import { sameBytes } from '../../src/lib/pyflask/same-bytes.ts';
import { engineHeader, handoutKey, second } from './engine-header.ts';

const recorded: { response: { headers: [string, string][] } }[] = JSON.parse(
  readFileSync(new URL('../fixtures/browser-flask-exchanges.json', import.meta.url), 'utf8'),
);
const flaskSetCookies = (step: number) =>
  recorded[step]?.response.headers.filter(([k]) => k === 'Set-Cookie').map(([, v]) => v) ?? [];

describe('sameBytes: the server engine against real Flask', () => {
  it('Store: the same bytes', () => {
    expect(sameBytes([engineHeader({ firstName: 'Ada' })], flaskSetCookies(1))).toEqual({
      same: true,
      text: 'Real Flask sent the same bytes.',
    });
  });

  it("Flash: the same bytes, flash()'s tuple included", () => {
    const data = { _flashes: [new PyTuple(['message', 'Saved Ada'])], firstName: 'Ada' };
    expect(sameBytes([engineHeader(data)], flaskSetCookies(3)).same).toBe(true);
  });

  it('a compressed payload: the same bytes', () => {
    expect(sameBytes([engineHeader({ firstName: 'A'.repeat(300) })], flaskSetCookies(5)).same).toBe(true);
  });

  it('neither set a cookie (the first GET /): the same', () => {
    expect(sameBytes([], flaskSetCookies(0))).toEqual({
      same: true,
      text: 'Real Flask sent the same bytes: no session cookie, like the server engine.',
    });
  });
});

describe('sameBytes: where they differ', () => {
  const real = flaskSetCookies(1);

  it('another session: the payload, so the signature too', () => {
    expect(sameBytes([engineHeader({ firstName: 'Grace' })], real)).toEqual({
      same: false,
      differ: ['payload', 'signature'],
      attributes: [],
      text: "Real Flask's cookie differs from the server engine's in the payload (the session holds something else), so the signature too.",
    });
  });

  it('another second: the timestamp, so the signature too', () => {
    expect(sameBytes([engineHeader({ firstName: 'Ada' }, handoutKey, second + 1)], real)).toEqual({
      same: false,
      differ: ['timestamp', 'signature'],
      attributes: [],
      text: "Real Flask's cookie differs from the server engine's in the timestamp (signed in another second), so the signature too.",
    });
  });

  it('another key: the signature only', () => {
    expect(sameBytes([engineHeader({ firstName: 'Ada' }, 'another key')], real)).toEqual({
      same: false,
      differ: ['signature'],
      attributes: [],
      text: "Real Flask's cookie differs from the server engine's in the signature only (same bytes signed, so another secret key).",
    });
  });

  it('the attributes: a permanent session adds Expires, a learner drops HttpOnly', () => {
    const value = real[0]?.split(';')[0] as string;
    expect(sameBytes([`${value}; Expires=Thu, 07 Jan 2027 11:20:00 GMT; Path=/`], real)).toEqual({
      same: false,
      differ: ['attributes'],
      attributes: ['Expires', 'HttpOnly'],
      text: "Real Flask's cookie differs from the server engine's in the attributes (Expires, HttpOnly).",
    });
  });

  it('the same value and attributes written in another order are not the same bytes', () => {
    const value = real[0]?.split(';')[0] as string;
    expect(sameBytes([`${value}; Path=/; HttpOnly`], real)).toMatchObject({
      same: false,
      differ: ['attributes'],
    });
  });

  it('one set a cookie and the other none', () => {
    expect(sameBytes([], real).text).toBe(
      'Real Flask set a session cookie where the server engine set none.',
    );
    expect(sameBytes(real, []).text).toBe(
      'Real Flask set no session cookie where the server engine set one.',
    );
  });

  it('both deleted it the same way: the same bytes', () => {
    expect(sameBytes(flaskSetCookies(7), flaskSetCookies(7)).same).toBe(true);
  });

  it('compares the session cookie, whatever else was set', () => {
    expect(sameBytes(['theme=dark', ...real], [...real, 'other=1']).same).toBe(true);
  });
});
