/**
 * The pieces of Python's `json.dumps(ensure_ascii=True, sort_keys=True, separators=(',', ':'))`
 * that differ from `JSON.stringify`: \uXXXX escapes for everything outside printable ASCII (astral
 * characters as surrogate pairs), keys sorted by code point, and Python's number formatting.
 */

const shortEscapes: Record<number, string> = {
  34: '\\"',
  92: '\\\\',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  8: '\\b',
  12: '\\f',
};

/** A JSON string literal with `ensure_ascii` escaping, byte-identical to Python's. */
export function formatString(text: string): string {
  // Fast path: printable ASCII without quote or backslash needs no escaping.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const short = shortEscapes[c];
    if (short !== undefined) out += short;
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

/**
 * A JavaScript number as `json.dumps` writes it: integral values as Python ints (a whole float
 * must come as a `PyFloat`, see values.ts), others as Python floats (`1e-05`, not `1e-5`).
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  }
  return formatFloat(value);
}

/** Python's `float.__repr__` as `json.dumps` writes it: `3.0`, `1e+16`, `-0.0`, `NaN`, `Infinity`. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  return pythonFloatRepr(value);
}

/** Python's `float.__repr__` for a finite double other than -0 (shortest round-trip digits). */
export function pythonFloatRepr(value: number): string {
  const [mantissa = '', exp = '0'] = value.toExponential().split('e');
  const exponent = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/[-.]/g, '');
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${digits[0]}${frac}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${frac}`;
}

/** Orders strings by Unicode code point, as Python sorts `str` (JavaScript's default uses UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    // codePointAt joins a surrogate pair, and returns a lone surrogate as itself (as Python has it).
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
