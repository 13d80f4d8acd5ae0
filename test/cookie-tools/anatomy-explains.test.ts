/**
 * What anatomy tells a learner about each part of a cookie and, for text that is not a Flask cookie,
 * why not: the sentences the inspector, the decode tool and the CLI show, word for word.
 */
import { describe, expect, it } from 'vitest';
import { anatomy } from '../../sandbox/cookie-tools/index.ts';
import { signSession } from '../../sandbox/flask-session/index.ts';
import { createSigner } from '../../sandbox/flask-session/signer.ts';
import { encodeTimestamp, MAX_DATETIME_SECONDS, signTimed } from '../../sandbox/flask-session/timed.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const sig20 = 'A'.repeat(27);
const now = () => 1700000100;
const meanings = (cookie: string) => anatomy(cookie, { now }).segments.map((s) => [s.kind, s.meaning]);

describe('anatomy explains each part', () => {
  it('of a well-formed cookie', () => {
    expect(meanings(phill)).toEqual([
      ['payload', 'the session as JSON, base64url-encoded: readable by anyone, not encrypted'],
      [
        'timestamp',
        'signed at Tue, 14 Nov 2023 22:13:20 GMT (Unix 1700000000): big-endian seconds, base64url',
      ],
      [
        'signature',
        "HMAC-SHA1 over everything before the last '.', with key HMAC-SHA1(secret key, 'cookie-session'): 20 bytes, base64url",
      ],
    ]);
  });
  it('of the leading dot of a compressed cookie', () => {
    const emoji =
      '.eJyrVsrNz09RslKKKU2xME4BkqkGBmB2MpBMs7CEiyebpCDE01KUagFPMhQT.ZVPxAA.bdfDbP8kJmxJHktd7NL0R7pTrPk';
    expect(meanings(emoji)[0]).toEqual([
      'compressed-flag',
      "leading '.': the payload is zlib-compressed (Flask compresses when that saves 2 bytes or more)",
    ]);
  });
  it('of a timestamp at the last second Python can date, and one past it', () => {
    const last = encodeTimestamp(MAX_DATETIME_SECONDS);
    expect(meanings(`eyJ9.${last}.${sig20}`)[1]?.[1]).toBe(
      'signed at Fri, 31 Dec 9999 23:59:59 GMT (Unix 253402300799): big-endian seconds, base64url',
    );
    const past = anatomy(`eyJ9.${encodeTimestamp(MAX_DATETIME_SECONDS + 1)}.${sig20}`);
    expect(past.verdict).toEqual({
      kind: 'not-flask',
      reason: 'the timestamp is not a valid base64url date',
    });
  });
  it('of a signature of the wrong length or not base64 at all', () => {
    expect(meanings('eyJ9.ZVPxAA.AAAA')[2]).toEqual([
      'signature',
      'should be a 20-byte HMAC-SHA1 in base64url; this decodes to 3 bytes',
    ]);
    expect(meanings('eyJ9.ZVPxAA.AAAAA')[2]).toEqual([
      'signature',
      'should be a 20-byte HMAC-SHA1 in base64url; this decodes to nothing valid',
    ]);
  });
  it('of a timestamp that cannot be a date', () => {
    const a = anatomy(`eyJ9.${'_'.repeat(12)}.${sig20}`, { now });
    expect(a.segments[1]?.meaning).toBe(
      'should be the signing time in seconds, base64url; this one cannot be read as a date',
    );
    expect(a).toMatchObject({
      isFlaskCookie: false,
      verdict: { kind: 'not-flask', reason: 'the timestamp is not a valid base64url date' },
    });
  });
});

describe('anatomy says why text is not a Flask cookie', () => {
  it('a whole Cookie header pair: only the value after the name', () => {
    expect(anatomy(`session=${phill}`)).toEqual({
      input: `session=${phill}`,
      isFlaskCookie: false,
      compressed: false,
      segments: [],
      verdict: { kind: 'not-flask', reason: 'looks like "session=…": paste only the value after "session="' },
    });
  });
  it('counts a name only at the start, and never in a value that starts like JSON', () => {
    for (const input of [`1session=${phill}`, `eyJhIjoxfQ==.ZVPxAA.${sig20}`]) {
      const { verdict } = anatomy(input, { now });
      expect(verdict.kind === 'not-flask' ? verdict.reason : '', input).not.toMatch(/^looks like/);
    }
  });
  it('fewer than three parts (a leading dot is the compressed flag, not a separator)', () => {
    for (const input of ['hello', 'a.b', '.abc']) {
      expect(anatomy(input).verdict, input).toEqual({
        kind: 'not-flask',
        reason: "a Flask cookie has three parts separated by '.': payload.timestamp.signature",
      });
    }
  });
  it('a cookie whose only dots are the first two has no compressed flag, just an empty payload', () => {
    const a = anatomy(`..${sig20}`, { now });
    expect(a.compressed).toBe(false);
    expect(a.segments.map(({ kind, start, end }) => [kind, start, end])).toEqual([
      ['payload', 0, 0],
      ['timestamp', 1, 1],
      ['signature', 2, 29],
    ]);
  });
});

describe('anatomy with a key', () => {
  it('verifies with the salt it is given', () => {
    const cookie = signSession({ a: 1 }, { secretKey: 'k', salt: 'other', timestamp: 1700000000 });
    expect(anatomy(cookie, { secretKey: 'k', salt: 'other', now }).verdict).toEqual({
      kind: 'valid',
      keyIndex: 0,
    });
    expect(anatomy(cookie, { secretKey: 'k', now }).verdict).toEqual({ kind: 'bad-signature' });
  });
  it('says bad payload, with the decoding error, for a correctly signed unreadable payload', () => {
    const cookie = signTimed(
      createSigner({ keys: ['k'], salt: 'cookie-session' }),
      'e25vdCBqc29u',
      1700000000,
    );
    expect(anatomy(cookie, { secretKey: 'k', now }).verdict).toEqual({
      kind: 'bad-payload',
      reason: expect.stringMatching(
        /^Could not load the payload because an exception occurred on unserializing the data: .+/,
      ),
    });
  });
});
