/**
 * Python's `str()`/`repr()` of session values, needed only where Flask stringifies a non-string:
 * `Markup(value)` of a `" m"` tag whose value is not text. Close to CPython for JSON-born values.
 */
import { formatFloat, formatNumber } from './json-format.ts';
import { PyBytes, PyDatetime, PyFloat, PyMarkup, PyTuple, PyUUID, type PyValue } from './values.ts';

/** `str(value)` as Python prints it. */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyMarkup) return value.html;
  if (value instanceof PyUUID) return value.toString();
  if (value instanceof PyDatetime) return datetimeStr(value);
  return pyRepr(value);
}

/** `str(datetime)` of an aware UTC datetime: `2015-10-21 07:28:00+00:00`. */
function datetimeStr(value: PyDatetime): string {
  const iso = value.toDate().toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z for years 0000-9999
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`;
}

/** `repr(value)` as Python prints it. */
export function pyRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? formatNumber(value) : floatRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'string') return stringRepr(value, '');
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof PyTuple) {
    const items = value.items.map(pyRepr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (value instanceof PyBytes) return stringRepr(String.fromCharCode(...value.bytes), 'b');
  if (value instanceof PyMarkup) return `Markup(${stringRepr(value.html, '')})`;
  if (value instanceof PyUUID) return `UUID('${value.toString()}')`;
  if (value instanceof PyDatetime) {
    const d = value.toDate();
    const fields = [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ];
    if (d.getUTCSeconds()) fields.push(d.getUTCSeconds());
    return `datetime.datetime(${fields.join(', ')}, tzinfo=datetime.timezone.utc)`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${stringRepr(k, '')}: ${pyRepr(v)}`);
  return `{${entries.join(', ')}}`;
}

function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return formatFloat(value);
}

const nonPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function stringRepr(text: string, prefix: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = prefix + quote;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (prefix === 'b' && c > 0x7e) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (ch !== ' ' && nonPrintable.test(ch)) {
      if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
      else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
      else out += `\\U${c.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}
