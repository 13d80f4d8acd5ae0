/** `session-lab sign`: print the cookie value Flask would set for a session. */
import { parseArgs } from 'node:util';
import { parseSessionJson, SessionJsonError } from '../../cookie-tools/session-json.ts';
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
  io.out(
    `${signSession(data, { secretKey: required('secret', values.secret), salt: values.salt, timestamp })}\n`,
  );
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
