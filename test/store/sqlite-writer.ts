/**
 * A second process for the SQLite tests: `node sqlite-writer.ts <dataDir> <label> <count>` saves
 * `count` sessions (ids printed nowhere: the test counts rows) as fast as it can, then exits 0.
 */
import { newSessionId } from '../../sandbox/store/session-id.ts';
import { SqliteSessionStore } from '../../sandbox/store/sqlite-store.ts';

const [dataDir, label, count] = process.argv.slice(2) as [string, string, string];
const store = SqliteSessionStore.open(dataDir);
for (let i = 0; i < Number(count); i++) {
  await store.save(newSessionId(), {
    value: `{"writer":"${label}","n":${i}}`,
    owner: `${label}-${i % 100}`,
    expiresAt: Date.now() + 10 * 60 * 1000,
  });
}
await store.close();
