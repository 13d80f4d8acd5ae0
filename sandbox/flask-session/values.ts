/**
 * TypeScript stand-ins for the Python values Flask's tagged JSON keeps apart from plain JSON:
 * tuple, bytes, Markup, UUID and datetime; and for the numbers JavaScript would blur (integral
 * floats, ints beyond 2^53). Each survives a sign/load round trip unchanged.
 */

/** Python `tuple` (Flask tag `" t"`), e.g. the `(category, message)` pairs of flashed messages. */
export class PyTuple {
  readonly items: PyValue[];
  constructor(items: PyValue[]) {
    this.items = items;
  }
}

/** Python `bytes` (tag `" b"`, stored as standard base64). */
export class PyBytes {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

/** `markupsafe.Markup`: HTML that Jinja will not escape (tag `" m"`). */
export class PyMarkup {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
}

/** `uuid.UUID` (tag `" u"`, stored as 32 hex digits). */
export class PyUUID {
  /** 32 lowercase hex digits, no dashes. */
  readonly hex: string;
  constructor(uuid: string) {
    const hex = uuid.replace(/-/g, '').toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${JSON.stringify(uuid)}`);
    this.hex = hex;
  }
  /** The dashed form, as `str(uuid)` prints it. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** An aware UTC `datetime` (tag `" d"`, stored as RFC 1123 text with whole seconds). */
export class PyDatetime {
  /** Unix seconds (whole: Flask's format drops fractions). */
  readonly seconds: number;
  constructor(seconds: number) {
    if (!Number.isFinite(seconds)) throw new TypeError(`not a time: ${seconds}`);
    this.seconds = Math.floor(seconds);
  }
  /** From a JavaScript Date (milliseconds are dropped, as Flask would). */
  static fromDate(date: Date): PyDatetime {
    return new PyDatetime(date.getTime() / 1000);
  }
  /** As a JavaScript Date. */
  toDate(): Date {
    return new Date(this.seconds * 1000);
  }
}

/**
 * A Python `float` whose value is a whole number (`3.0`, `1e16`): JavaScript cannot tell it from an
 * int, but Python's json writes it as `3.0` / `1e+16`, so it is kept apart to sign the same bytes.
 * Other floats (`1.5`, NaN, ±Infinity, -0.0) are plain numbers: they cannot be ints.
 */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** Any value a Flask session can hold. Python ints beyond 2^53 are bigints; integral floats `PyFloat`. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | PyFloat
  | string
  | PyValue[]
  | { [key: string]: PyValue }
  | PyTuple
  | PyBytes
  | PyMarkup
  | PyUUID
  | PyDatetime;

/** A session: a dict from string keys to values. */
export type SessionData = { [key: string]: PyValue };

/** True for plain objects (dicts), false for arrays, null and the Py* classes. */
export function isDict(value: unknown): value is { [key: string]: PyValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sets an own property, even for the key `__proto__` (which plain assignment would not). */
export function setKey<T = PyValue>(target: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
