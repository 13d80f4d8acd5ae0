/** `session-lab sign`: print the cookie value Flask would set for a session. */
import { parseArgs } from 'node:util';
import { parseConventionJson } from '../../cookie-tools/convention-json.ts';
import { NestingTooDeep } from '../../flask-session/errors.ts';
import { signSession } from '../../flask-session/session-cookie.ts';
import { isDict } from '../../flask-session/values.ts';
import { type Io, integerOption, required, UsageError } from './io.ts';

/** Runs the command; returns the exit status. */
export function sign(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      secret: { type: 'string' },
      json: { type: 'string' },
      timestamp: { type: 'string' },
      salt: { type: 'string' },
    },
  });
  const data = parseSessionJson(required('json', values.json));
  const timestamp = integerOption('timestamp', values.timestamp) ?? Math.floor(io.now());
  const secretKey = required('secret', values.secret);
  let cookie: string;
  try {
    cookie = signSession(data, { secretKey, salt: values.salt, timestamp });
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    throw new UsageError(`--json: ${error.message}`);
  }
  io.out(`${cookie}\n`);
  return 0;
}

/**
 * Parses `--json` in the oracle's convention, numbers read as Python's json reads them (`3.0` is
 * a float, big ints stay exact, NaN/Infinity accepted); must be an object.
 */
export function parseSessionJson(text: string) {
  let value: ReturnType<typeof parseConventionJson>;
  try {
    value = parseConventionJson(text);
  } catch (error) {
    const problem = (error as Error).name === 'TypeError' ? '' : ' is not valid JSON';
    throw new UsageError(`--json${problem}: ${(error as Error).message}`);
  }
  if (!isDict(value)) throw new UsageError('--json must be a JSON object (a session is a dict)');
  return value;
}
