/**
 * DATA_DIR tried for real before the server starts: the SQLite file opened once and closed again.
 * config.ts can only ask the file system (is it a folder, may we write there), and some places say
 * yes and still refuse a file, such as /proc or /sys for root. Without this, the start went on and
 * every server-side page said its store was unavailable; now the start stops with one line.
 */
import { openSessionStore } from '../sandbox/store/index.ts';
import type { ServerConfig } from './config.ts';

/** Why the server-side sessions cannot be kept in DATA_DIR, or undefined when they can (or Redis keeps them). */
export async function dataDirProblem(
  config: Pick<ServerConfig, 'dataDir' | 'redisUrl'>,
): Promise<string | undefined> {
  // Redis may be down at the start: the engine says so on its page and recovers, so it is not checked here.
  if (config.redisUrl) return undefined;
  try {
    const store = await openSessionStore({ dataDir: config.dataDir });
    await store.close();
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return `DATA_DIR must be a folder the server can write to (it keeps the server-side sessions there), but "${config.dataDir}" refused the session file: ${reason}. Example: DATA_DIR=/var/lib/session-lab npm start`;
  }
}
