#!/usr/bin/env node
/** The `session-lab` command (package.json "bin"): see commands/usage.ts, or run `session-lab help`. */
import { main } from './main.ts';

process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  now: () => Date.now() / 1000,
});
