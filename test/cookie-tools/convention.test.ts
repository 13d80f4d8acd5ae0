/**
 * The oracle's plain-JSON convention read back into Python values: which dates and byte strings it
 * accepts, and the message for each malformed marker (the CLI and the forge lab show it to learners).
 */
import { describe, expect, it } from 'vitest';
import { fromConvention, toConvention } from '../../sandbox/cookie-tools/index.ts';
import { PyBytes, PyDatetime, PyMarkup, PyTuple, PyUUID } from '../../sandbox/flask-session/index.ts';

const at = (iso: string) => new PyDatetime(Date.parse(iso) / 1000);

describe('fromConvention dates', () => {
  it.each([
    ['Wed, 21 Oct 2015 07:28:00 GMT', '2015-10-21T07:28:00Z'],
    ['2015-10-21T07:28:00Z', '2015-10-21T07:28:00Z'],
    ['2015-10-21 07:28:00', '2015-10-21T07:28:00Z'],
    ['2015-10-21T07:28', '2015-10-21T07:28:00Z'],
    ['2015-10-21', '2015-10-21T00:00:00Z'],
    ['2015-10-21T07:28:00.75Z', '2015-10-21T07:28:00Z'],
    ['2015-10-21T08:28:00+0100', '2015-10-21T07:28:00Z'],
    ['2015-10-21T06:28:00-01:00', '2015-10-21T07:28:00Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(fromConvention({ $datetime: text })).toEqual(at(iso));
  });
  it('names the date it cannot read', () => {
    expect(() => fromConvention({ $datetime: '2015-13-45' })).toThrow(
      new TypeError('$datetime: invalid date "2015-13-45"'),
    );
    expect(() => fromConvention({ $datetime: 'next week' })).toThrow(
      new TypeError('$datetime needs an RFC 1123 or ISO 8601 date, got "next week"'),
    );
    expect(() => fromConvention({ $datetime: '2015-10-21T07:28:00Z trailing' })).toThrow('ISO 8601');
    expect(() => fromConvention({ $datetime: 'on 2015-10-21' })).toThrow('ISO 8601');
    expect(() => fromConvention({ $datetime: 1445412480 })).toThrow(
      new TypeError('$datetime needs a string'),
    );
  });
});

describe('fromConvention byte strings', () => {
  it('takes standard padded base64, empty included', () => {
    expect(fromConvention({ $bytes: 'YQ==' })).toEqual(new PyBytes(Uint8Array.from([97])));
    expect(fromConvention({ $bytes: 'YWI=' })).toEqual(new PyBytes(Uint8Array.from([97, 98])));
    expect(fromConvention({ $bytes: '' })).toEqual(new PyBytes(new Uint8Array()));
    expect(fromConvention({ $bytes: '+/+/' })).toEqual(new PyBytes(Uint8Array.from([251, 255, 191])));
  });
  it('refuses unpadded, URL-safe or non-text base64', () => {
    for (const $bytes of ['YQ', 'YQ=', '-_-_', 'YQ==YQ==x', 'Y Q==', 5]) {
      expect(() => fromConvention({ $bytes }), String($bytes)).toThrow(
        new TypeError('$bytes needs standard padded base64 text'),
      );
    }
  });
});

describe('fromConvention markers', () => {
  it('reads each marker, and a marker key among others as a plain key', () => {
    expect(
      fromConvention({
        t: { $tuple: [1, { $markup: '<b>' }] },
        u: { $uuid: '12345678-1234-5678-1234-567812345678' },
        plain: { $tuple: [1], other: 2 },
        list: [{ $markup: 'x' }, null, true, 1.5, 's'],
      }),
    ).toEqual({
      t: new PyTuple([1, new PyMarkup('<b>')]),
      u: new PyUUID('12345678123456781234567812345678'),
      plain: { $tuple: [1], other: 2 },
      list: [new PyMarkup('x'), null, true, 1.5, 's'],
    });
  });
  it('says what each malformed marker needs', () => {
    expect(() => fromConvention({ $tuple: 'ab' })).toThrow(new TypeError('$tuple needs an array'));
    expect(() => fromConvention({ $markup: 1 })).toThrow(new TypeError('$markup needs a string'));
    expect(() => fromConvention({ $uuid: null })).toThrow(new TypeError('$uuid needs a string'));
    expect(() => fromConvention({ $dict: [1] })).toThrow(new TypeError('$dict needs an object'));
    expect(() => fromConvention(undefined)).toThrow(new TypeError('not JSON data: undefined'));
  });
  it('escapes only a one-key dict whose key is a marker', () => {
    expect(toConvention({ $markup: 'x' })).toEqual({ $dict: { $markup: 'x' } });
    expect(toConvention({ $markup: 'x', b: 1 })).toEqual({ $markup: 'x', b: 1 });
    expect(toConvention({ markup: 'x' })).toEqual({ markup: 'x' });
    expect(fromConvention(toConvention({ $dict: { $tuple: 1 } }))).toEqual({ $dict: { $tuple: 1 } });
  });
});
