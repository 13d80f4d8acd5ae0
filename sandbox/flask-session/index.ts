/**
 * Flask's signed cookie sessions in TypeScript, byte for byte (Flask 2.2 / itsdangerous 2.1).
 * Layers, each adding one idea: encoding → hmac → signer → timed → serializer → tagged-json →
 * session-cookie → session; plus anatomy (inspector), guess (weak keys) and the oracle's convention.
 * Key order in this public API: `secretKey` is current, `fallbackKeys` are older keys still accepted;
 * keyIndex 0 = secretKey, i = fallbackKeys[i - 1]. (itsdangerous itself lists the current key last.)
 */
export {
  type AnatomyOptions,
  type AnatomyVerdict,
  anatomy,
  type CookieAnatomy,
  type CookieSegment,
} from './anatomy.ts';
export { fromConvention, toConvention, toDisplayJson } from './convention.ts';
export {
  BadData,
  BadPayload,
  BadSignature,
  BadTimeSignature,
  errorCategory,
  SignatureExpired,
} from './errors.ts';
export { COMMON_SECRETS, type GuessOptions, type GuessResult, guessSecret } from './guess.ts';
export { formatHttpDate, parseHttpDate } from './http-date.ts';
export {
  DEFAULT_MAX_AGE,
  type FlaskSessionConfig,
  type OpenedSession,
  type OpenStatus,
  openSession,
  type SaveInput,
  type SaveResult,
  saveSession,
} from './session.ts';
export {
  DEFAULT_SALT,
  decodeSessionPayload,
  type LoadConfig,
  type LoadedCookie,
  loadSession,
  loadSessionDetailed,
  signSession,
} from './session-cookie.ts';
export { MAX_COOKIE_SIZE } from './set-cookie.ts';
export { taggedDumps, taggedLoads } from './tagged-json.ts';
export { PyBytes, PyDatetime, PyMarkup, PyTuple, PyUUID, type PyValue, type SessionData } from './values.ts';
