import type { AddressInfo } from 'node:net';
import { readConfig } from '../../server/config.ts';
import { createApp } from '../../server/server.ts';

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** Starts the real Session Lab server (built site + sandbox) on a free loopback port. */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const config = readConfig({
    LOG_REQUESTS: '0',
    SESSION_LAB_SECRET: 'test-server-secret-of-32-characters',
    ...env,
  });
  const app = await createApp({ config });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
