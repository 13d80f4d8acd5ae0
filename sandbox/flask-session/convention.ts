/**
 * The oracle's plain-JSON convention for tagged values (shared/flask-oracle/README.md):
 * {"$tuple":[…]}, {"$bytes":"<std base64>"}, {"$markup":"…"}, {"$uuid":"<dashed>"},
 * {"$datetime":"<RFC 1123 GMT>"}, and {"$dict":{…}} for a literal one-key dict whose key is a marker.
 * Numbers stay Python's: an int beyond 2^53, a whole float (`3.0`) and -0.0 become `JSON.rawJSON`
 * lexemes, so `JSON.stringify` writes them exactly; NaN and ±Infinity stay numbers, which only
 * convention-json.ts writes faithfully (`JSON.stringify` would write null).
 * Used by the CLI, the tests, the inspector's display and the page (real Flask in the browser):
 * browser-safe.
 */
import { a2bBase64, base64Encode, utf8 } from './encoding.ts';
import { formatHttpDate, parseHttpDate } from './http-date.ts';
import { formatFloat, formatNumber } from './json-format.ts';
import { parsePythonJson } from './json-parse.ts';
import {
  isDict,
  PyBytes,
  PyDatetime,
  PyFloat,
  PyMarkup,
  PyTuple,
  PyUUID,
  type PyValue,
  type SessionData,
  setKey,
} from './values.ts';

/**
 * Convention data: the shape of the contract's `DisplayJson` (sandbox/contract/display-json.ts),
 * named here so the engine imports nothing outside its folder.
 */
export type DisplayJson = null | boolean | number | string | DisplayJson[] | { [key: string]: DisplayJson };
export type DisplaySession = { [key: string]: DisplayJson };

// JSON.rawJSON / JSON.isRawJSON (Node 21+), not yet in TypeScript's lib.
const json = JSON as unknown as { rawJSON(text: string): object; isRawJSON(value: unknown): boolean };

/** True for a `JSON.rawJSON` lexeme (as `toConvention` makes for exact numbers). */
export function isRawJson(value: unknown): value is { rawJSON: string } {
  return json.isRawJSON(value);
}

/** An exact number lexeme; typed as the `{ rawJSON }` object it is (see display-json.ts). */
const rawNumber = (text: string) => json.rawJSON(text) as { rawJSON: string };

/** A number as convention data: exact where JSON.stringify would blur it (ints past 2^53, 3.0, -0.0). */
function numberToConvention(value: number | bigint | PyFloat): DisplayJson {
  if (typeof value === 'bigint') return rawNumber(value.toString());
  if (value instanceof PyFloat) {
    return Number.isFinite(value.value) ? rawNumber(formatFloat(value.value)) : value.value;
  }
  if (Object.is(value, -0)) return rawNumber('-0.0');
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? rawNumber(formatNumber(value)) : value;
}

const MARKERS = new Set(['$tuple', '$bytes', '$markup', '$uuid', '$datetime', '$dict']);

/** A session value as convention JSON (plain JSON data); a whole session stays a record. */
export function toConvention(value: SessionData): DisplaySession;
export function toConvention(value: PyValue): DisplayJson;
export function toConvention(value: PyValue): DisplayJson {
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat)
    return numberToConvention(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toConvention);
  if (value instanceof PyTuple) return { $tuple: value.items.map(toConvention) };
  if (value instanceof PyBytes) return { $bytes: base64Encode(value.bytes) };
  if (value instanceof PyMarkup) return { $markup: value.html };
  if (value instanceof PyUUID) return { $uuid: value.toString() };
  if (value instanceof PyDatetime) return { $datetime: formatHttpDate(value.seconds) };
  const out: DisplaySession = {};
  const keys = Object.keys(value);
  for (const key of keys) setKey(out, key, toConvention(value[key] as PyValue));
  return keys.length === 1 && MARKERS.has(keys[0] as string) ? { $dict: out } : out;
}

/**
 * Convention data to a session value: from `JSON.parse` (numbers as JavaScript reads them) or from
 * `parseConventionJson` (numbers as Python reads them). Throws a TypeError on malformed markers.
 */
export function fromConvention(json: unknown): PyValue {
  if (json === null || typeof json === 'boolean' || typeof json === 'number' || typeof json === 'string')
    return json;
  if (typeof json === 'bigint' || json instanceof PyFloat) return json;
  if (isRawJson(json)) return parsePythonJson(json.rawJSON, () => undefined) as PyValue;
  if (Array.isArray(json)) return json.map(fromConvention);
  if (typeof json !== 'object') throw new TypeError(`not JSON data: ${typeof json}`);
  const record = json as { [key: string]: unknown };
  const keys = Object.keys(record);
  const marker = keys.length === 1 && MARKERS.has(keys[0] as string) ? (keys[0] as string) : undefined;
  const inner = marker === undefined ? undefined : record[marker];
  switch (marker) {
    case '$tuple':
      if (!Array.isArray(inner)) throw new TypeError('$tuple needs an array');
      return new PyTuple(inner.map(fromConvention));
    case '$bytes':
      if (typeof inner !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(inner) || inner.length % 4 !== 0) {
        throw new TypeError('$bytes needs standard padded base64 text');
      }
      return new PyBytes(a2bBase64(utf8(inner), false));
    case '$markup':
      if (typeof inner !== 'string') throw new TypeError('$markup needs a string');
      return new PyMarkup(inner);
    case '$uuid':
      if (typeof inner !== 'string') throw new TypeError('$uuid needs a string');
      return new PyUUID(inner);
    case '$datetime':
      return new PyDatetime(parseConventionDate(inner));
    case '$dict':
      if (!isDict(inner)) throw new TypeError('$dict needs an object');
      return plainDict(inner as { [key: string]: unknown });
    default:
      return plainDict(record);
  }
}

function plainDict(record: { [key: string]: unknown }): { [key: string]: PyValue } {
  const out: { [key: string]: PyValue } = {};
  for (const key of Object.keys(record)) setKey(out, key, fromConvention(record[key]));
  return out;
}

/** RFC 1123 (or any date Werkzeug parses) or ISO 8601; a date without a zone is UTC. */
function parseConventionDate(inner: unknown): number {
  if (typeof inner !== 'string') throw new TypeError('$datetime needs a string');
  const http = parseHttpDate(inner);
  if (http !== null) return http;
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(inner);
  if (iso === null)
    throw new TypeError(`$datetime needs an RFC 1123 or ISO 8601 date, got ${JSON.stringify(inner)}`);
  const ms = Date.parse(
    iso[4] === undefined ? `${inner.replace(' ', 'T')}${iso[1] ? 'Z' : 'T00:00:00Z'}` : inner,
  );
  if (Number.isNaN(ms)) throw new TypeError(`$datetime: invalid date ${JSON.stringify(inner)}`);
  return ms / 1000;
}
