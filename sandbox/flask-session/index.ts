/**
 * Flask's signed cookie sessions in TypeScript, byte for byte (Flask 2.2 / itsdangerous 2.1).
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
  SignatureExpired,
} from './errors.ts';
export { formatHttpDate, parseHttpDate } from './http-date.ts';
export {
  containsIsAccess,
  DEFAULT_FLASK_VERSION,
  DEFAULT_MAX_AGE,
  type FlaskSessionConfig,
  type FlaskVersion,
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
