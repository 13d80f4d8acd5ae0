/**
 * Quotes text for a POSIX shell, so a learner can paste the command as shown.
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export type CliCommand =
  | { kind: 'decode'; cookie: string; secretKey?: string }
  | { kind: 'forge'; json: string; secretKey: string }
  | { kind: 'guess'; cookie: string };

/**
 * The `npx session-lab` command (sandbox/cli) that does what a lab experiment does, on the learner's
 * machine; forging is its `sign` command.
 * @example cliCommand({ kind: 'guess', cookie: 'abc' }) // 'npx session-lab guess abc'
 */
export function cliCommand(command: CliCommand): string {
  switch (command.kind) {
    case 'decode':
      return `npx session-lab decode ${shellQuote(command.cookie || '<cookie>')}${command.secretKey ? ` --secret ${shellQuote(command.secretKey)}` : ''}`;
    case 'forge':
      return `npx session-lab sign --secret ${shellQuote(command.secretKey || '<key>')} --json ${shellQuote(command.json || '{}')}`;
    case 'guess':
      return `npx session-lab guess ${shellQuote(command.cookie || '<cookie>')}`;
  }
}
