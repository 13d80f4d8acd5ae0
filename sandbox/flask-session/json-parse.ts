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
  if (text.charCodeAt(0) === 0xfeff)
    throw new JsonSyntaxError('Unexpected UTF-8 BOM (decode using utf-8-sig): char 0');
  const parser = new Parser(text, hook, limit);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos !== text.length) parser.fail('Extra data');
  return value;
}

/** A recursive-descent reader over one text; `pos` is the next character to read. */
class Parser {
  pos = 0;
  private depth = 0;
  private readonly text: string;
  private readonly hook: ObjectHook;
  private readonly limit: DepthLimit;

  constructor(text: string, hook: ObjectHook, limit: DepthLimit) {
    this.text = text;
    this.hook = hook;
    this.limit = limit;
  }

  /** Throws with Python's reason and position (`at`, the character Python names). */
  fail(what: string, at = this.pos): never {
    throw new JsonSyntaxError(`${what}: char ${at}`);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  value(): unknown {
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    if (c === '{' || c === '[') return this.container(c);
    for (const [literal, value] of literals) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    return this.number();
  }

  /** An array or object, counted against the nesting limit before descending. */
  private container(open: '{' | '['): unknown {
    const max = open === '{' ? this.limit.objects : this.limit.arrays;
    if (++this.depth > max)
      throw new NestingTooDeep(`nested deeper than ${max} levels: char ${this.pos}`, max);
    const value = open === '{' ? this.object() : this.array();
    this.depth--;
    return value;
  }

  private string(): string {
    const text = this.text;
    const opening = this.pos;
    this.pos++; // opening quote
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= text.length) this.fail('Unterminated string starting at', opening);
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('Invalid control character at');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += text.slice(start, this.pos) + this.escape();
      start = this.pos;
    }
    out += text.slice(start, this.pos);
    this.pos++;
    return out;
  }

  /** One backslash escape at `pos` (`\uXXXX` keeps lone surrogates, as Python does). */
  private escape(): string {
    const e = this.text[this.pos + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\uXXXX escape', this.pos + 1);
      this.pos += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const simple = e === undefined ? undefined : escapes[e];
    if (simple === undefined) this.fail('Invalid \\escape');
    this.pos += 2;
    return simple;
  }

  private number(): number | bigint | PyFloat {
    numberPattern.lastIndex = this.pos;
    const match = numberPattern.exec(this.text);
    if (match === null) return this.fail('Expecting value');
    this.pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      if (match[0].replace('-', '').length > MAX_INT_DIGITS) this.fail('Exceeds the limit (4300 digits)');
      return pythonInt(match[0]);
    }
    return pythonFloat(match[0]);
  }

  private array(): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return items;
      if (c !== ',') this.fail("Expecting ',' delimiter", this.pos - 1);
    }
  }

  private object(): unknown {
    this.pos++;
    const object: JsonObject = new Map();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return this.hook(object);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ':') this.fail("Expecting ':' delimiter", this.pos - 1);
      this.skipSpace();
      object.set(key, this.value());
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return this.hook(object);
      if (c !== ',') this.fail("Expecting ',' delimiter", this.pos - 1);
    }
  }
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
