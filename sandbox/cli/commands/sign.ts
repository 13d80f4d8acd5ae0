/** `session-lab sign`: print the cookie value Flask would set for a session. */
import { parseArgs } from 'node:util';
import { parseSessionJson, SessionJsonError } from '../../cookie-tools/session-json.ts';
import { NestingTooDeep } from '../../flask-session/errors.ts';
import { signSession } from '../../flask-session/session-cookie.ts';
import type { SessionData } from '../../flask-session/values.ts';
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
  const data = parseSessionJsonOption(required('json', values.json));
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

/** Parses `--json` with the project's one session-JSON parser (the forge lab's too). */
export function parseSessionJsonOption(text: string): SessionData {
  try {
    return parseSessionJson(text);
  } catch (error) {
    if (error instanceof SessionJsonError) throw new UsageError(`--json ${error.message}`);
    throw error;
  }
}
