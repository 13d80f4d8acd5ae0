/** Where a command writes, so tests can capture it; and argument helpers shared by the commands. */
import { styleText } from 'node:util';
import { type FlaskVersion, isFlaskVersion } from '../../flask-session/flask-version.ts';

/** Output streams and terminal facts for one run. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour output (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  /** Unix seconds, for defaults such as `sign --timestamp`. */
  now(): number;
}

/** A usage mistake: printed with the usage text, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Styles text when colour is on, else returns it unchanged. */
export function paint(io: Io, format: Parameters<typeof styleText>[0], text: string): string {
  return io.color ? styleText(format, text, { validateStream: false }) : text;
}

/** Reads a non-negative integer option (seconds, counts). */
export function integerOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} needs a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Reads a required string option. */
export function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Reads `--flask 3.1|2.2` (default 3.1). */
export function flaskOption(value: string | undefined): FlaskVersion | undefined {
  if (value === undefined || isFlaskVersion(value)) return value;
  throw new UsageError(`--flask needs 3.1 or 2.2, got ${JSON.stringify(value)}`);
}

/**
 * The options of the commands that verify a cookie (`load`, `decode`): keys, age limit, clock,
 * salt, and which Flask to follow (fallback keys and nesting limits differ).
 */
export const verifyOptions = {
  flask: { type: 'string' },
  secret: { type: 'string' },
  fallback: { type: 'string', multiple: true },
  'max-age': { type: 'string' },
  now: { type: 'string' },
  salt: { type: 'string' },
} as const;
