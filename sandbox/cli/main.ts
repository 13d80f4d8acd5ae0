/** Dispatches `session-lab` subcommands; usage errors print the usage on stderr with exit status 2. */
import { decode } from './commands/decode.ts';
import { guess } from './commands/guess.ts';
import { type Io, UsageError } from './commands/io.ts';
import { load } from './commands/load.ts';
import { sign } from './commands/sign.ts';
import { USAGE } from './commands/usage.ts';

const commands: Record<string, (args: string[], io: Io) => number> = { sign, load, decode, guess };

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export function main(argv: string[], io: Io): number {
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  try {
    if (command === undefined)
      throw new UsageError(
        name === undefined ? 'no command given' : `unknown command ${JSON.stringify(name)}`,
      );
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    return command(rest, io);
  } catch (error) {
    // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`session-lab: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
