/**
 * What every bench script returns and how it is printed: rows in long form (one figure each),
 * printed as small tables (one line per subject, one column per measure).
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** One measured figure. */
export interface Row {
  /** Which script measured it: pages, sandbox or cookie. */
  bench: string;
  /** The table it belongs to when printed (e.g. "Page weight"). */
  table: string;
  /** A line of that table (a page, a server at a concurrency…). */
  subject: string;
  /** A column of that table (e.g. "JS gzip", "req/s"). */
  measure: string;
  value: number | string;
  /** The aim for this figure, when it has one (e.g. "< 20 KB"). */
  aim?: string;
  /** Whether the figure meets that aim. */
  met?: boolean;
  /** Part of the combined summary that `npm run bench` prints at the end. */
  summary?: boolean;
}

/** The machine the figures come from; print it before any figure. */
export function machineInfo(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `Machine: ${cores.length} cores (${model}), ${memory} GiB RAM, ${platform()} ${release()}, Node ${process.version}; load average ${load}`;
}

/**
 * The load average now. A benchmark keeps about `cores` busy itself (load generator + server), so a
 * 1-minute load well above that means other work competed for the cores during the run.
 */
export function loadLine(): string {
  const [one = 0, five = 0] = loadavg();
  const cores = cpus().length;
  const busy = one > cores * 1.5;
  const note = busy
    ? ': other work competed for the cores, so absolute figures are low and noisy; compare ratios within one run.'
    : '.';
  return `Load average at the end: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cores} cores${note}`;
}

/** A number as a table cell: thousands separated, at most `digits` decimals. */
export function formatValue(value: number | string, digits = 2): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(value) ? 0 : digits });
}

/** Prints a plain-text table; numbers are right-aligned. */
export function printTable(title: string, header: string[], lines: (number | string)[][]): void {
  const cells = lines.map((line) => line.map((cell) => formatValue(cell)));
  const widths = header.map((name, i) =>
    Math.max(name.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const numeric = header.map((_, i) => lines.every((line) => typeof line[i] === 'number' || line[i] === '–'));
  const render = (line: string[]) =>
    line
      .map((cell, i) => (numeric[i] && i > 0 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(render(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of cells) console.log(render(line));
}

/** Prints the rows of one table, one line per subject and one column per measure, in first-seen order. */
export function printPivot(rows: Row[], table: string, title = table): void {
  const mine = rows.filter((row) => row.table === table);
  if (mine.length === 0) return;
  const subjects = [...new Set(mine.map((row) => row.subject))];
  const measures = [...new Set(mine.map((row) => row.measure))];
  const lines = subjects.map((subject) => [
    subject,
    ...measures.map(
      (measure) => mine.find((row) => row.subject === subject && row.measure === measure)?.value ?? '–',
    ),
  ]);
  printTable(title, ['', ...measures], lines);
}

/** Prints every table found in `rows`, in first-seen order. */
export function printAllTables(rows: Row[]): void {
  for (const table of new Set(rows.map((row) => row.table))) printPivot(rows, table);
}

/** Prints rows in long form with their aims: the combined table of `npm run bench`. */
export function printLong(title: string, rows: Row[]): void {
  printTable(
    title,
    ['Bench', 'Subject', 'Measure', 'Value', 'Aim', 'Met'],
    rows.map((row) => [
      row.bench,
      row.subject,
      row.measure,
      formatValue(row.value),
      row.aim ?? '',
      row.met === undefined ? '' : row.met ? 'yes' : 'NO',
    ]),
  );
}

/** Whether this module is the script node was started with (`import.meta.main` where available). */
export function isMain(meta: ImportMeta): boolean {
  const main = (meta as ImportMeta & { main?: boolean }).main;
  if (typeof main === 'boolean') return main;
  return process.argv[1] !== undefined && meta.filename === process.argv[1];
}
