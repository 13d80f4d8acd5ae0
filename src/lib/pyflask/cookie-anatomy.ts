/**
 * A cookie from real Flask in the learner's browser, cut as the inspector cuts the server engine's
 * (sandbox/contract/anatomy.ts): compressed flag · payload · timestamp · signature, each decoded with
 * the Flask cookie engine's own rules. The page holds no key, so it checks no signature: the verdict
 * is Flask's own judgement when the bridge reported one for this very cookie, else "not checked".
 * Browser-safe.
 */
import type { AnatomyVerdict, CookieAnatomyView, CookieSegment } from '../../../sandbox/contract/anatomy.ts';
import type { SessionStatus } from '../../../sandbox/contract/exchange.ts';
import { asciiOrBytes, base64UrlDecode, bytesToInt } from '../../../sandbox/flask-session/encoding.ts';
import { formatHttpDate } from '../../../sandbox/flask-session/http-date.ts';
import { payloadJson, sessionInCookie } from './session-in-cookie.ts';

/**
 * Python's datetime ends at 9999-12-31T23:59:59Z (as sandbox/flask-session/timed.ts, which the page
 * cannot import: it reaches node:crypto through the signer).
 */
const maxDatableSeconds = 253402300799;

/** How Flask judged this cookie when it came in (the bridge's report), if it did. */
export interface FlaskJudgement {
  status: SessionStatus;
  keyIndex?: number;
}

/** The verdict the bridge's report allows: a valid cookie needs the key that signed it named. */
function verdictOf(judged: FlaskJudgement | undefined, problem: string | undefined): AnatomyVerdict {
  switch (judged?.status) {
    case 'valid':
      return judged.keyIndex === undefined
        ? { kind: 'unverified' }
        : { kind: 'valid', keyIndex: judged.keyIndex };
    case 'bad-signature':
    case 'expired':
      return { kind: judged.status };
    case 'bad-payload':
      return { kind: 'bad-payload', reason: problem ?? 'Flask could not read it' };
    default:
      return { kind: 'unverified' };
  }
}

function segment(kind: CookieSegment['kind'], input: string, start: number, end: number, meaning: string) {
  return { kind, start, end, text: input.slice(start, end), meaning };
}

/** The bytes a base64url segment decodes to, as itsdangerous reads it; undefined when it does not. */
function decoded(text: string): Uint8Array | undefined {
  try {
    return base64UrlDecode(asciiOrBytes(text));
  } catch {
    return undefined;
  }
}

/**
 * The anatomy of a Flask session cookie value; `judged` is how Flask judged it, when it came in.
 * @example browserCookieAnatomy('eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM', 1796637600).value // { firstName: 'Ada' }
 */
export function browserCookieAnatomy(
  input: string,
  nowSeconds: number,
  judged?: FlaskJudgement,
): CookieAnatomyView {
  const compressed = input.startsWith('.');
  const sigDot = input.lastIndexOf('.');
  const tsDot = sigDot > 0 ? input.lastIndexOf('.', sigDot - 1) : -1;
  if (sigDot < 0 || tsDot <= 0) {
    const reason = "a Flask cookie has three parts separated by '.': payload.timestamp.signature";
    return { input, isFlaskCookie: false, compressed, segments: [], verdict: { kind: 'not-flask', reason } };
  }
  const start = compressed ? 1 : 0;
  const stamp = decoded(input.slice(tsDot + 1, sigDot));
  const signedAt = stamp === undefined ? undefined : bytesToInt(stamp);
  const datable = signedAt !== undefined && signedAt <= maxDatableSeconds;
  const bytes = decoded(input.slice(sigDot + 1))?.length;
  const segments: CookieSegment[] = [
    ...(compressed
      ? [segment('compressed-flag', input, 0, 1, "leading '.': the payload is zlib-compressed")]
      : []),
    segment(
      'payload',
      input,
      start,
      tsDot,
      'the session as JSON, base64url-encoded: readable by anyone, not encrypted',
    ),
    segment(
      'timestamp',
      input,
      tsDot + 1,
      sigDot,
      datable
        ? `signed at ${formatHttpDate(signedAt)} (Unix ${signedAt}): big-endian seconds, base64url`
        : 'should be the signing time in seconds, base64url; this one cannot be read as a date',
    ),
    segment(
      'signature',
      input,
      sigDot + 1,
      input.length,
      bytes === 20
        ? "HMAC-SHA1 over everything before the last '.', with a key derived from your app's secret key: 20 bytes, base64url"
        : 'should be a 20-byte HMAC-SHA1 in base64url',
    ),
  ];
  if (!datable || bytes !== 20) {
    const reason = !datable ? 'the timestamp is not a valid base64url date' : 'the signature is not 20 bytes';
    return { input, isFlaskCookie: false, compressed, segments, verdict: { kind: 'not-flask', reason } };
  }
  const json = payloadJson(input);
  const value = json === undefined ? undefined : sessionInCookie(input);
  const payloadProblem =
    json === undefined
      ? 'the payload does not decode (base64url, or zlib after a leading dot)'
      : value === undefined
        ? 'the payload is not a JSON object Flask wrote'
        : undefined;
  return {
    input,
    isFlaskCookie: true,
    compressed,
    segments,
    ...(json === undefined ? {} : { json }),
    ...(payloadProblem === undefined ? {} : { payloadProblem }),
    ...(value === undefined ? {} : { value }),
    signedAt,
    ageSeconds: Math.floor(nowSeconds) - signedAt,
    verdict: verdictOf(judged, payloadProblem),
  };
}
