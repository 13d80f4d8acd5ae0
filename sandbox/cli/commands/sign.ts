/** `session-lab sign`: print the cookie value Flask would set for a session. */
import { parseArgs } from 'node:util';
import { fromConvention } from '../../cookie-tools/convention.ts';
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
  io.out(
    `${signSession(data, { secretKey: required('secret', values.secret), salt: values.salt, timestamp })}\n`,
  );
  return 0;
}

/** Parses `--json` in the oracle's convention; must be an object. */
export function parseSessionJson(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--json is not valid JSON (${(error as Error).message})`);
  }
  let value: ReturnType<typeof fromConvention>;
  try {
    value = fromConvention(json);
  } catch (error) {
    throw new UsageError(`--json: ${(error as Error).message}`);
  }
  if (!isDict(value)) throw new UsageError('--json must be a JSON object (a session is a dict)');
  return value;
}
