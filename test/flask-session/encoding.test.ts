import { describe, expect, it } from 'vitest';
import {
  a2bBase64,
  base64Encode,
  base64UrlDecode,
  base64UrlEncode,
  bytesToInt,
  fromUtf8,
  intToBytes,
  utf8,
} from '../../sandbox/flask-session/encoding.ts';
import { BadData } from '../../sandbox/flask-session/errors.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('base64UrlEncode', () => {
  it('uses - and _ and drops the = padding', () => {
    expect(base64UrlEncode(bytes(0xfb, 0xff))).toBe('-_8');
    expect(base64UrlEncode(utf8('{"firstName":"Phill"}'))).toBe('eyJmaXJzdE5hbWUiOiJQaGlsbCJ9');
  });
  it('encodes no bytes as the empty string', () => {
    expect(base64UrlEncode(bytes())).toBe('');
  });
});

describe('base64Encode', () => {
  it('uses the standard alphabet with padding, as Flask stores bytes', () => {
    expect(base64Encode(bytes(0, 1, 0x62, 0x69, 0x6e, 0x61, 0x72, 0x79, 0xff, 0xfe))).toBe(
      'AAFiaW5hcnn//g==',
    );
  });
});

describe('base64UrlDecode', () => {
  it('decodes unpadded and padded text alike', () => {
    expect(base64UrlDecode('-_8')).toEqual(bytes(0xfb, 0xff));
    expect(base64UrlDecode('-_8=')).toEqual(bytes(0xfb, 0xff));
  });
  it("accepts the standard alphabet's + and / too, as urlsafe_b64decode does", () => {
    expect(base64UrlDecode('+/8')).toEqual(bytes(0xfb, 0xff));
  });
  it('skips characters outside the alphabet', () => {
    expect(base64UrlDecode(utf8('@@@@!!!!'))).toEqual(bytes());
    expect(base64UrlDecode(utf8('Z!VPx'))).toEqual(base64UrlDecode('ZVPx'));
  });
  it('ignores unused trailing bits', () => {
    expect(base64UrlDecode('-_9')).toEqual(bytes(0xfb, 0xff));
  });
  it('throws BadData for one character too many', () => {
    expect(() => base64UrlDecode('abcde')).toThrow(BadData);
  });
  it('throws BadData when stray characters leave the padding short', () => {
    // Python pads by total length (4), so 'ab!' gets one '=' and two data characters stay unfinished.
    expect(() => base64UrlDecode(utf8('ab!'))).toThrow(BadData);
  });
});

describe('a2bBase64', () => {
  it('stops at complete padding and ignores what follows', () => {
    expect(a2bBase64(utf8('YQ==YWJj'), false)).toEqual(utf8('a'));
  });
  it('treats - and _ as stray characters in the standard alphabet', () => {
    expect(a2bBase64(utf8('Y-Q=='), false)).toEqual(utf8('a'));
  });
});

describe('intToBytes', () => {
  it('writes big-endian bytes without leading zeros', () => {
    expect(intToBytes(1700000000)).toEqual(bytes(0x65, 0x53, 0xf1, 0x00));
    expect(intToBytes(256)).toEqual(bytes(1, 0));
    expect(intToBytes(2 ** 32)).toEqual(bytes(1, 0, 0, 0, 0));
  });
  it('writes zero as no bytes at all', () => {
    expect(intToBytes(0)).toEqual(bytes());
  });
  it('refuses negative and fractional numbers', () => {
    expect(() => intToBytes(-1)).toThrow(RangeError);
    expect(() => intToBytes(1.5)).toThrow(RangeError);
  });
});

describe('bytesToInt', () => {
  it('reads big-endian bytes, and no bytes as 0', () => {
    expect(bytesToInt(bytes(0x65, 0x53, 0xf1, 0x00))).toBe(1700000000);
    expect(bytesToInt(bytes())).toBe(0);
  });
});

describe('fromUtf8', () => {
  it('throws on invalid UTF-8 and keeps a leading BOM', () => {
    expect(() => fromUtf8(bytes(0xff))).toThrow();
    expect(fromUtf8(bytes(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });
});

describe('what the base64 decoder says when it refuses', () => {
  it('tells one character too many from missing padding', () => {
    expect(() => a2bBase64(utf8('YWJjZ'), false)).toThrow(
      'Invalid base64-encoded data: one character too many',
    );
    expect(() => a2bBase64(utf8('YWJjZA'), false)).toThrow('Invalid base64-encoded data: incorrect padding');
  });
  it('drops non-ASCII characters from a text segment before decoding, as Python encodes it with errors ignored', () => {
    expect(new TextDecoder().decode(base64UrlDecode('YW\u00e9Jj'))).toBe('abc');
  });
  it('names a value that cannot be a timestamp', () => {
    expect(() => intToBytes(-1)).toThrow('not a timestamp: -1');
  });
});
