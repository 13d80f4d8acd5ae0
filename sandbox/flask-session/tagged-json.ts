/**
 * Flask's `TaggedJSONSerializer` (flask/json/tag.py): JSON plus one-key objects that tag Python
 * values — `" t"` tuple, `" b"` bytes, `" m"` Markup, `" u"` UUID, `" d"` datetime — and `" di"` to
 * escape a real one-key dict whose key is a tag. Dumped with sorted keys, `ensure_ascii` and compact
 * separators; loaded with Python's json rules and the same conversions (and failures) as Flask.
 */
import { a2bBase64, base64Encode, utf8 } from './encoding.ts';
import { NestingTooDeep } from './errors.ts';
import { DEFAULT_FLASK_VERSION, DUMP_FRAME_BUDGET, type FlaskVersion, LOAD_DEPTH } from './flask-version.ts';
import { formatHttpDate, parseHttpDate } from './http-date.ts';
import { compareCodePoints, formatFloat, formatNumber, formatString } from './json-format.ts';
import { type JsonObject, parsePythonJson } from './json-parse.ts';
import { pyStr } from './py-repr.ts';
import {
  isDict,
  PyBytes,
  PyDatetime,
  PyFloat,
  PyMarkup,
  PyTuple,
  PyUUID,
  type PyValue,
  setKey,
} from './values.ts';

/** The registered tag keys (TagDict's check looks for exactly these). */
export const TAGS: ReadonlySet<string> = new Set([' di', ' t', ' b', ' m', ' u', ' d']);

/**
 * `session_json_serializer.dumps(value)`: the exact JSON text Flask signs. Throws `NestingTooDeep`
 * where Flask's recursive tagger would exceed Python's recursion limit (see flask-version.ts).
 */
export function taggedDumps(value: PyValue, budget: number = DUMP_FRAME_BUDGET): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return formatString(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof PyFloat) return formatFloat(value.value);
  if (value instanceof PyBytes) return `{" b":"${base64Encode(value.bytes)}"}`;
  if (value instanceof PyMarkup) return `{" m":${formatString(value.html)}}`;
  if (value instanceof PyUUID) return `{" u":"${value.hex}"}`;
  if (value instanceof PyDatetime) return `{" d":"${formatHttpDate(value.seconds)}"}`;
  const left = budget - (value instanceof PyTuple ? 4 : 3);
  if (left < 0) throw new NestingTooDeep('nested too deeply for Flask to save (RecursionError)', budget);
  const inner = (item: PyValue) => taggedDumps(item, left);
  if (Array.isArray(value)) return `[${value.map(inner).join(',')}]`;
  if (value instanceof PyTuple) return `{" t":[${value.items.map(inner).join(',')}]}`;
  if (!isDict(value)) throw new TypeError(`Object of type ${describe(value)} is not JSON serializable`);
  const keys = Object.keys(value);
  if (keys.length === 1 && TAGS.has(keys[0] as string)) {
    const key = keys[0] as string;
    return `{" di":{${formatString(`${key}__`)}:${inner(value[key] as PyValue)}}}`;
  }
  keys.sort(compareCodePoints);
  return `{${keys.map((k) => `${formatString(k)}:${inner(value[k] as PyValue)}`).join(',')}}`;
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return value.constructor?.name ?? 'object';
}

/**
 * `session_json_serializer.loads(text)` of the given Flask. Throws (any Error) where Flask's loads
 * raises; `NestingTooDeep` past the nesting that Flask loads inside a request.
 */
export function taggedLoads(text: string, version: FlaskVersion = DEFAULT_FLASK_VERSION): PyValue {
  return parsePythonJson(text, untag, LOAD_DEPTH[version]) as PyValue;
}

// Keys in source order, kept only for dicts where JavaScript's own key order differs from it:
// JS lists array-index keys ("0" … "4294967294") first, in numeric order, while a dict Python
// loaded keeps source order; `" di"` and `" t"` read the first / all keys in that order.
const sourceOrder = new WeakMap<object, string[]>();
const MAX_ARRAY_INDEX = 4294967294;

/** True for keys JavaScript orders first: canonical decimal integers up to 2^32 - 2. */
export function isArrayIndexKey(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

function keysInOrder(dict: { [key: string]: PyValue }): string[] {
  return sourceOrder.get(dict) ?? Object.keys(dict);
}

function toDict(object: JsonObject): { [key: string]: PyValue } {
  const dict: { [key: string]: PyValue } = {};
  let reordered = false;
  for (const [key, value] of object) {
    setKey(dict, key, value as PyValue);
    if (!reordered && isArrayIndexKey(key)) reordered = true;
  }
  if (reordered) sourceOrder.set(dict, [...object.keys()]);
  return dict;
}

/** Flask's `object_hook`: one-key objects whose key is a tag become the tagged value. */
function untag(object: JsonObject): unknown {
  if (object.size !== 1) return toDict(object);
  const [key, value] = object.entries().next().value as [string, PyValue];
  switch (key) {
    case ' di':
      return untagDict(value);
    case ' t':
      return new PyTuple(pyIterate(value));
    case ' b':
      return new PyBytes(b64decode(value));
    case ' m':
      return new PyMarkup(value instanceof PyMarkup ? value.html : pyStr(value));
    case ' u':
      return new PyUUID(uuidHex(value));
    case ' d':
      return untagDate(value);
    default:
      return toDict(object);
  }
}

const codePoints = (text: string): string[] => Array.from(text);

/** TagDict.to_python: `{key[:-2]: value[key]}` for the first key; anything else raises in Python. */
function untagDict(value: PyValue): PyValue {
  if (!isDict(value)) throw new TypeError("' di' needs a dict");
  const key = keysInOrder(value)[0];
  if (key === undefined) throw new TypeError("' di' needs a non-empty dict (StopIteration)");
  const dict: { [key: string]: PyValue } = {};
  setKey(dict, codePoints(key).slice(0, -2).join(''), value[key] as PyValue);
  return dict;
}

/** Python's `tuple(value)`: iterates lists, tuples, strings (by code point), dict keys and bytes. */
function pyIterate(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return value.items;
  if (typeof value === 'string') return codePoints(value);
  if (value instanceof PyMarkup) return codePoints(value.html);
  if (value instanceof PyBytes) return Array.from(value.bytes);
  if (isDict(value)) return keysInOrder(value);
  throw new TypeError(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
}

/** `base64.b64decode(value)`: ASCII text or bytes, non-validating standard alphabet. */
function b64decode(value: PyValue): Uint8Array {
  if (value instanceof PyBytes) return a2bBase64(value.bytes, false);
  const text = typeof value === 'string' ? value : value instanceof PyMarkup ? value.html : undefined;
  if (text === undefined) throw new TypeError('argument should be a bytes-like object or ASCII string');
  if (/[\u0080-\uffff]/.test(text))
    throw new TypeError('string argument should contain only ASCII characters');
  // ASCII only (checked above), so its UTF-8 bytes are its Latin-1 bytes.
  return a2bBase64(utf8(text), false);
}

/** `uuid.UUID(value)`: strips urn:/uuid:, braces and dashes, then Python's `int(hex, 16)`. */
function uuidHex(value: PyValue): string {
  const text = typeof value === 'string' ? value : value instanceof PyMarkup ? value.html : undefined;
  if (text === undefined) throw new TypeError('UUID needs a string');
  const hex = text
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  if (codePoints(hex).length !== 32) throw new TypeError('badly formed hexadecimal UUID string');
  // Only a `+` sign can be left: the dashes went above.
  const match = /^\s*\+?(?:0[xX]_?)?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)\s*$/.exec(hex);
  if (match === null) throw new TypeError('badly formed hexadecimal UUID string');
  return BigInt(`0x${(match[1] as string).replaceAll('_', '')}`)
    .toString(16)
    .padStart(32, '0');
}

/** Werkzeug's `parse_date(value)`: None for falsy or unparseable, an error for other non-strings. */
function untagDate(value: PyValue): PyDatetime | null {
  const text = typeof value === 'string' ? value : value instanceof PyMarkup ? value.html : undefined;
  if (text !== undefined) {
    const seconds = text ? parseHttpDate(text) : null;
    return seconds === null ? null : new PyDatetime(seconds);
  }
  if (value instanceof PyBytes || !pyTruthy(value)) return null; // bytes.split() then a TypeError: None
  throw new TypeError("object has no attribute 'split'");
}

/** Python truthiness of a session value. */
export function pyTruthy(value: PyValue): boolean {
  if (value === null || value === false || value === 0 || value === 0n || value === '') return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyBytes) return value.bytes.length > 0;
  if (value instanceof PyMarkup) return value.html.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}
