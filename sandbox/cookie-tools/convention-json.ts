/**
 * Convention JSON as text, read and written the way Python's json does numbers: `3.0` stays a
 * float, `12345678901234567890` an exact int, and `NaN`, `Infinity`, `-Infinity`, `-0.0` are
 * written as such (Python's json reads and writes them; `JSON.stringify` would write null or 0).
 * So what `load` / `decode` print can be given back to `sign` and signs the same bytes.
 */

import { fromConvention, isRawJson } from '../flask-session/convention.ts';
import { formatNumber } from '../flask-session/json-format.ts';
import { parsePythonJson } from '../flask-session/json-parse.ts';
import { type PyValue, setKey } from '../flask-session/values.ts';

/**
 * Convention data (what `toConvention` returns, or records holding it) as JSON text, optionally
 * indented; keys in insertion order, undefined ones left out, non-ASCII characters as themselves.
 */
export function conventionJson(data: unknown, indent = 0): string {
  return write(data, indent, '');
}

function write(data: unknown, indent: number, margin: string): string {
  if (data === null || data === undefined) return 'null';
  if (typeof data === 'boolean') return data ? 'true' : 'false';
  if (typeof data === 'number') return formatNumber(data);
  if (typeof data === 'bigint') return data.toString();
  if (typeof data === 'string') return JSON.stringify(data);
  if (isRawJson(data)) return data.rawJSON;
  const inner = indent > 0 ? `${margin}${' '.repeat(indent)}` : '';
  const open = indent > 0 ? `\n${inner}` : '';
  const close = indent > 0 ? `\n${margin}` : '';
  const comma = indent > 0 ? `,\n${inner}` : ',';
  const colon = indent > 0 ? ': ' : ':';
  if (Array.isArray(data)) {
    if (data.length === 0) return '[]';
    return `[${open}${data.map((item) => write(item, indent, inner)).join(comma)}${close}]`;
  }
  const record = data as { [key: string]: unknown };
  const keys = Object.keys(record).filter((key) => record[key] !== undefined); // as JSON.stringify
  if (keys.length === 0) return '{}';
  const entries = keys.map((key) => `${JSON.stringify(key)}${colon}${write(record[key], indent, inner)}`);
  return `{${open}${entries.join(comma)}${close}}`;
}

/**
 * Convention JSON text to a session value, numbers read as Python's json reads them (`3.0` a
 * float, big ints exact, NaN/Infinity accepted). Throws a SyntaxError-like error on bad text and a
 * TypeError on malformed markers.
 */
export function parseConventionJson(text: string): PyValue {
  const plain = parsePythonJson(text, (object) => {
    const record: { [key: string]: PyValue } = {};
    for (const [key, value] of object) setKey(record, key, value as PyValue);
    return record;
  });
  return fromConvention(plain);
}
