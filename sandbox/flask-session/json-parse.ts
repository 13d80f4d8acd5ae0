/**
 * Python's `json.loads` (strict mode), so that a cookie loads here exactly when it loads in Flask:
 * NaN/Infinity literals, lone-surrogate escapes, no control characters in strings, at most 4300
 * digits in an int, and objects kept in source order (a Map; last duplicate wins, like a dict).
 * Numbers keep their Python type from the lexeme: with `.`/`e`/`E` a float (a whole one becomes a
 * `PyFloat`), otherwise an int of any size (a bigint beyond 2^53).
 */
import { NestingTooDeep } from './errors.ts';
import { PyFloat } from './values.ts';

/** A parsed JSON object before Flask's `object_hook` sees it. */
export type JsonObject = Map<string, unknown>;

/** What `parsePythonJson` hands to the object hook. */
export type ObjectHook = (object: JsonObject) => unknown;

/** Parse failure, with the character position (Python raises `JSONDecodeError`). */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** How deep arrays and objects may nest (Python's recursion limit, as measured per Flask version). */
export interface DepthLimit {
  arrays: number;
  objects: number;
}

/** Nesting Python's json reads outside any framework (recursion limit 1000). */
export const PLAIN_DEPTH: DepthLimit = { arrays: 990, objects: 990 };

const MAX_INT_DIGITS = 4300; // sys.get_int_max_str_digits() default
const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

/** Parses JSON text like Python's `json.loads(text, object_hook=hook)`. Throws on invalid text. */
export function parsePythonJson(text: string, hook: ObjectHook, limit: DepthLimit = PLAIN_DEPTH): unknown {
  let pos = 0;
  let depth = 0;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what}: char ${pos}`);
  };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      pos++;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string starting at');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) fail('Invalid control character at');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1];
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 6;
      } else {
        const simple = e === undefined ? undefined : escapes[e];
        if (simple === undefined) fail('Invalid \\escape');
        out += simple;
        pos += 2;
      }
      start = pos;
    }
    out += text.slice(start, pos);
    pos++;
    return out;
  };

  const parseNumber = (): number | bigint | PyFloat => {
    numberPattern.lastIndex = pos;
    const match = numberPattern.exec(text);
    if (match === null) return fail('Expecting value');
    pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      if (match[0].replace('-', '').length > MAX_INT_DIGITS) fail('Exceeds the limit (4300 digits)');
      return pythonInt(match[0]);
    }
    return pythonFloat(match[0]);
  };

  const parseValue = (): unknown => {
    const c = text[pos];
    if (c === '"') return parseString();
    if (c === '{' || c === '[') {
      const max = c === '{' ? limit.objects : limit.arrays;
      if (++depth > max) throw new NestingTooDeep(`nested deeper than ${max} levels: char ${pos}`, max);
      const value = c === '{' ? parseObject() : parseArray();
      depth--;
      return value;
    }
    for (const [literal, value] of literals) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length;
        return value;
      }
    }
    return parseNumber();
  };

  const parseArray = (): unknown[] => {
    pos++;
    const items: unknown[] = [];
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return items;
    }
    for (;;) {
      skipSpace();
      items.push(parseValue());
      skipSpace();
      const c = text[pos++];
      if (c === ']') return items;
      if (c !== ',') fail("Expecting ',' delimiter");
    }
  };

  const parseObject = (): unknown => {
    pos++;
    const object: JsonObject = new Map();
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return hook(object);
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
      const key = parseString();
      skipSpace();
      if (text[pos++] !== ':') fail("Expecting ':' delimiter");
      skipSpace();
      object.set(key, parseValue());
      skipSpace();
      const c = text[pos++];
      if (c === '}') return hook(object);
      if (c !== ',') fail("Expecting ',' delimiter");
    }
  };

  if (text.charCodeAt(0) === 0xfeff) fail('Unexpected UTF-8 BOM (decode using utf-8-sig)');
  skipSpace();
  const value = parseValue();
  skipSpace();
  if (pos !== text.length) fail('Extra data');
  return value;
}

/** A Python int lexeme: a number when exact, else a bigint (a Python int has no -0). */
function pythonInt(lexeme: string): number | bigint {
  const digits = lexeme.length - (lexeme.startsWith('-') ? 1 : 0);
  if (digits <= 15) return Number(lexeme) || 0;
  const big = BigInt(lexeme);
  return big >= -MAX_SAFE && big <= MAX_SAFE ? Number(big) : big;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A Python float lexeme: a whole value (but not -0.0) is wrapped so it is written back as a float. */
function pythonFloat(lexeme: string): number | PyFloat {
  const value = Number(lexeme);
  return Number.isInteger(value) && !Object.is(value, -0) ? new PyFloat(value) : value;
}

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const literals: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];
