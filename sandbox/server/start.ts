import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildFailed, buildIfStale, needsBuild } from './build-freshness.ts';
import { ConfigError, readConfig } from './config.ts';
import { createApp } from './server.ts';

/** `npm start`: build the site when missing or stale, then serve course and sandbox in one process. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const distDir = join(root, 'dist');

function fail(message: string): never {
  console.error(`Session Lab: ${message}`);
  process.exit(1);
}

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

if (needsBuild(root)) {
  console.log('Session Lab: building the course site (first start, or lessons changed)…');
  try {
    buildIfStale(root);
  } catch (error) {
    if (error instanceof BuildFailed) fail(error.message);
    throw error;
  }
}

const app = await createApp({ config, distDir });
const server = app.listen(config.port, config.host);
server.on('listening', () => {
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Session Lab is running at http://${host}:${port}/`);
  if (!config.serverSecret) {
    console.log(
      'Session Lab: SESSION_LAB_SECRET is not set, so a random one is used. Set it (the same on every process) to run several processes behind a load balancer.',
    );
  }
});
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    fail(
      `port ${config.port} on ${config.host} is already in use. Stop the other server, or choose another port: PORT=${config.port + 1} npm start`,
    );
  }
  if (error.code === 'EACCES')
    fail(`not allowed to listen on port ${config.port}. Choose a port above 1023: PORT=4321 npm start`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    fail(`HOST "${config.host}" is not an address of this machine.`);
  fail(error.message);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold the close open; end them.
    server.closeAllConnections();
  });
}
