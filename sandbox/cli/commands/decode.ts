/** `session-lab decode`: the cookie's anatomy, readable (coloured on a terminal) or as JSON. */
import { parseArgs } from 'node:util';
import { describeVerdict } from '../../contract/verdicts.ts';
import { anatomy, type CookieAnatomy } from '../../cookie-tools/anatomy.ts';
import { conventionJson } from '../../cookie-tools/convention-json.ts';
import { toConvention } from '../../flask-session/convention.ts';
import { flaskOption, type Io, integerOption, paint, UsageError, verifyOptions } from './io.ts';

/** Runs the command; exit 0 for a readable Flask cookie that is not known to be bad, else 1. */
export function decode(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...verifyOptions,
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('decode needs exactly one COOKIE');
  const fixedNow = integerOption('now', values.now);
  const result = anatomy(positionals[0] as string, {
    secretKey: values.secret,
    fallbackKeys: values.fallback,
    flaskVersion: flaskOption(values.flask),
    salt: values.salt,
    maxAge: integerOption('max-age', values['max-age']),
    now: fixedNow === undefined ? io.now : () => fixedNow,
  });
  if (values.json) {
    const { value, ...rest } = result;
    io.out(`${conventionJson(value === undefined ? rest : { ...rest, value: toConvention(value) })}\n`);
  } else {
    io.out(render(result, io));
  }
  return result.verdict.kind === 'valid' || result.verdict.kind === 'unverified' ? 0 : 1;
}

const segmentColor = {
  'compressed-flag': 'magenta',
  payload: 'cyan',
  timestamp: 'yellow',
  signature: 'green',
} as const;

function render(a: CookieAnatomy, io: Io): string {
  const lines: string[] = [];
  const label = (text: string) => paint(io, 'bold', text.padEnd(10));
  lines.push(
    paint(
      io,
      'bold',
      a.isFlaskCookie
        ? `Flask session cookie${a.compressed ? ' (compressed)' : ''}`
        : 'Not a Flask session cookie',
    ),
  );
  if (a.segments.length > 0) {
    // The input again, each segment in its colour and the '.' separators dimmed.
    let coloured = '';
    let at = 0;
    for (const s of a.segments) {
      coloured += paint(io, 'dim', a.input.slice(at, s.start)) + paint(io, segmentColor[s.kind], s.text);
      at = s.end;
    }
    lines.push(`  ${coloured}`);
    for (const s of a.segments) {
      const text = s.text.length > 24 ? `${s.text.slice(0, 21)}...` : s.text;
      lines.push(
        `  ${paint(io, segmentColor[s.kind], s.kind.padEnd(16))}${paint(io, 'dim', `[${s.start}, ${s.end})`.padEnd(14))}${text}`,
      );
      lines.push(`  ${' '.repeat(30)}${paint(io, 'dim', s.meaning)}`);
    }
  }
  if (a.signedAt !== undefined) {
    const date = new Date(a.signedAt * 1000).toUTCString();
    lines.push(`${label('Signed')}${date} (Unix ${a.signedAt}, ${a.ageSeconds} s ago)`);
  }
  if (a.json !== undefined) lines.push(`${label('JSON')}${a.json}`);
  if (a.value !== undefined)
    lines.push(
      `${label('Session')}${conventionJson(toConvention(a.value), 2).replace(/\n/g, `\n${' '.repeat(10)}`)}`,
    );
  lines.push(`${label('Verdict')}${verdictText(a, io)}`);
  return `${lines.join('\n')}\n`;
}

/** The verdict in the project's one vocabulary, green for good news, red for bad, yellow when unchecked. */
function verdictText(a: CookieAnatomy, io: Io): string {
  const { ok, text } = describeVerdict(a.verdict);
  return paint(io, ok === true ? 'green' : ok === false ? 'red' : 'yellow', text);
}
