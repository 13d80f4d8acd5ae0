/** `session-lab guess`: find a weak secret key among candidates and report the rate. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMMON_SECRETS, guessSecret } from '../../cookie-tools/guess.ts';
import { type Io, integerOption, paint, UsageError } from './io.ts';

/** Runs the command; exit 0 when the key was found, 1 when not. */
export function guess(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      wordlist: { type: 'string' },
      limit: { type: 'string' },
      salt: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('guess needs exactly one COOKIE');
  const candidates = values.wordlist === undefined ? COMMON_SECRETS : readWordlist(values.wordlist);
  const result = guessSecret(positionals[0] as string, candidates, {
    salt: values.salt,
    limit: integerOption('limit', values.limit),
  });
  if (values.json) {
    io.out(`${JSON.stringify(result)}\n`);
  } else {
    const rate = `${result.tried} candidates in ${result.seconds.toFixed(3)} s, ${result.perSecond.toLocaleString('en')} candidates/second`;
    io.out(
      result.key === undefined
        ? `${paint(io, 'yellow', 'Key not found')} (${rate})\n`
        : `${paint(io, 'red', `Found the secret key: ${JSON.stringify(result.key)}`)} (${rate})\n` +
            'Anyone holding one cookie can test keys offline like this: use a long random key, e.g.\n' +
            "  python -c 'import secrets; print(secrets.token_hex())'\n",
    );
  }
  return result.key === undefined ? 1 : 0;
}

/** One candidate per line (CRLF tolerated); empty lines skipped, since Flask refuses an empty key. */
function readWordlist(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --wordlist ${path}: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/).filter((line) => line !== '');
}
