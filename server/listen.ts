/**
 * One serving process: the app on an HTTP server with timeouts chosen on purpose, and a graceful
 * stop that closes the server-side store last. start.ts runs it in the single process, or in each
 * worker when WORKERS > 1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LazyStore, lazyStore } from '../sandbox/apps/store-source.ts';
import { sandboxConfigOf } from '../sandbox/router.ts';
import type { ServerConfig } from './config.ts';
import { type GracefulStop, gracefulStop, type StopResult } from './graceful-stop.ts';
import { createApp } from './server.ts';

export interface Serving {
  server: Server;
  port: number;
  stopper: GracefulStop;
}

/** Listens with `config`; rejects with the listen error (EADDRINUSE and the like). */
export async function listen(config: ServerConfig, distDir: string): Promise<Serving> {
  const store = lazyStore(sandboxConfigOf(config).store);
  const app = await createApp({ config, distDir, store });
  // Node checks the header and request timeouts of open connections only every
  // connectionsCheckingInterval (default 30 s, so "10 s" meant 10 to 40 s): every second, they
  // hold to about a second.
  const server = createServer({ connectionsCheckingInterval: 1000 }, app);
  // All headers within 10 s (Node's default: 60 s), so clients that trickle headers cannot hold
  // sockets for long; a browser sends its headers in one packet.
  server.headersTimeout = 10_000;
  // The whole request, body included, within 30 s (default: 300 s): the sandbox's forms are at
  // most 16 KB, so anything slower is a stuck or hostile client.
  server.requestTimeout = 30_000;
  // Idle keep-alive connections stay open 65 s (default: 5 s): longer than the 60 s idle timeout of
  // nginx's upstream keepalive and of common load balancers, so the proxy closes an idle connection
  // first and never sends a request on one we are closing (which it would answer with a 502).
  server.keepAliveTimeout = 65_000;
  const stopper = closingStore(gracefulStop(server), store);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen(config.port, config.host);
  });
  return { server, port: (server.address() as AddressInfo).port, stopper };
}

/**
 * The stop, then the store: SQLite checkpoints its WAL into the file and Redis gets a clean QUIT,
 * once the last request that could use them has been answered.
 */
function closingStore(http: GracefulStop, store: LazyStore): GracefulStop {
  let stopping: Promise<StopResult> | undefined;
  return {
    stop() {
      stopping ??= http.stop().then(async (result) => {
        await store.close().catch(() => undefined);
        return result;
      });
      return stopping;
    },
  };
}

/** The one-line message for a listen error, saying what to do. */
export function listenErrorMessage(error: NodeJS.ErrnoException, config: ServerConfig): string {
  if (error.code === 'EADDRINUSE') {
    return `port ${config.port} on ${config.host} is already in use. Stop the other server, or choose another port: PORT=${config.port + 1} npm start`;
  }
  if (error.code === 'EACCES') {
    return `not allowed to listen on port ${config.port}. Choose a port above 1023: PORT=4321 npm start`;
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return `HOST "${config.host}" is not an address of this machine.`;
  }
  return error.message;
}
