/** `session-lab load`: verify and decode a cookie; one JSON line out, exit 1 when it fails. */
import { parseArgs } from 'node:util';
import { conventionJson } from '../../cookie-tools/convention-json.ts';
import { toConvention } from '../../flask-session/convention.ts';
import { BadData, errorCategory } from '../../flask-session/errors.ts';
import { loadSession } from '../../flask-session/session-cookie.ts';
import { flaskOption, type Io, integerOption, required, verifyOptions } from './io.ts';

/** Runs the command; returns the exit status. */
export function load(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      ...verifyOptions,
      cookie: { type: 'string' },
    },
  });
  const secretKey = required('secret', values.secret);
  const cookie = values.cookie;
  if (cookie === undefined) required('cookie', cookie);
  const maxAge = integerOption('max-age', values['max-age']);
  const fixedNow = integerOption('now', values.now);
  try {
    const data = loadSession(cookie ?? '', {
      secretKey,
      fallbackKeys: values.fallback,
      flaskVersion: flaskOption(values.flask),
      salt: values.salt,
      maxAge,
      now: fixedNow === undefined ? io.now : () => fixedNow,
    });
    // Numbers as Python writes them (3.0, NaN, big ints), so the session can go back to `sign`.
    io.out(`${conventionJson({ ok: true, session: toConvention(data) })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BadData)) throw error;
    io.out(
      `${JSON.stringify({ ok: false, error: errorCategory(error), exception: error.name, message: error.message })}\n`,
    );
    return 1;
  }
}
