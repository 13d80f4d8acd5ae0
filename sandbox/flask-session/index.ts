/**
 * Flask's signed cookie sessions in TypeScript, byte for byte: Flask 3.1 (itsdangerous 2.2) by
 * default, Flask 2.2 with `flaskVersion: '2.2'` (see flask-version.ts for what differs).
 * Layers, each adding one idea: encoding → hmac → signer → timed → serializer → tagged-json →
 * session-cookie → session. Tools that analyse cookies (anatomy, guess, the display convention)
 * live beside it in sandbox/cookie-tools/, so this folder holds Flask's format only.
 * Key order in this public API: `secretKey` is current, `fallbackKeys` are older keys still accepted;
 * keyIndex 0 = secretKey, i = fallbackKeys[i - 1]. (itsdangerous itself lists the current key last.)
 */
export {
  BadData,
  BadPayload,
  BadSignature,
  BadTimeSignature,
  errorCategory,
  NestingTooDeep,
  PayloadTooLarge,
  SignatureExpired,
} from './errors.ts';
export {
  acceptedFallbacks,
  DEFAULT_FLASK_VERSION,
  FLASK_VERSIONS,
  type FlaskVersion,
  isFlaskVersion,
} from './flask-version.ts';
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
  decodeSessionJson,
  decodeSessionPayload,
  type LoadConfig,
  type LoadedCookie,
  loadSession,
  loadSessionDetailed,
  signSession,
} from './session-cookie.ts';
export { SessionState } from './session-state.ts';
export { MAX_COOKIE_SIZE } from './set-cookie.ts';
export { taggedDumps, taggedLoads } from './tagged-json.ts';
export {
  PyBytes,
  PyDatetime,
  PyFloat,
  PyMarkup,
  PyTuple,
  PyUUID,
  type PyValue,
  type SessionData,
} from './values.ts';
export { MAX_INFLATED_BYTES } from './zlib.ts';
