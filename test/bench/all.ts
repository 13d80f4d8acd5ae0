/**
 * `npm run bench`: the cookie, sandbox, store and pages benchmarks in one run, each bench's tables as it
 * finishes, then one combined table of the headline figures against the aims.
 */
import { existsSync } from 'node:fs';
import { benchPages, budgetLine } from './pages.ts';
import { isMain, loadLine, machineInfo, printAllTables, printLong, type Row } from './report.ts';
import { benchSandbox } from './sandbox.ts';
import { benchStore } from './store.ts';

type Bench = { name: string; run: () => Promise<Row[]> };

/** The cookie bench's runner, when test/bench/cookie.ts is there and exports benchCookie(). */
async function cookieBench(): Promise<Bench | undefined> {
  const file = new URL('./cookie.ts', import.meta.url);
  if (!existsSync(file)) return undefined;
  const { benchCookie } = (await import(file.href)) as { benchCookie?: () => Promise<Row[]> };
  return typeof benchCookie === 'function' ? { name: 'cookie', run: benchCookie } : undefined;
}

async function main(): Promise<void> {
  console.log(machineInfo());
  const benches: Bench[] = [];
  const cookie = await cookieBench();
  if (cookie) benches.push(cookie);
  else console.log('test/bench/cookie.ts exports no benchCookie(): the cookie bench is skipped.');
  benches.push(
    { name: 'sandbox', run: benchSandbox },
    { name: 'store', run: benchStore },
    { name: 'pages', run: benchPages },
  );

  const all: Row[] = [];
  for (const bench of benches) {
    console.log(`\n=== ${bench.name} ===`);
    try {
      const rows = await bench.run();
      printAllTables(rows);
      all.push(...rows);
    } catch (error) {
      console.log(`The ${bench.name} bench failed: ${(error as Error).stack ?? error}`);
    }
  }
  printLong(
    '=== Combined: headline figures ===',
    all.filter((row) => row.summary),
  );
  console.log(`\n${budgetLine(all)}`);
  console.log(loadLine());
}

if (isMain(import.meta)) await main();
