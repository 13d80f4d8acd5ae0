/**
 * A server for the load benchmark, in its own process so that autocannon does not share its event
 * loop: `node test/bench/serve.ts ours|bare`. Listens on 127.0.0.1 on a free port, prints
 * `{"port":N}` on one line, and exits when its parent closes stdin (or on SIGTERM).
 *
 * - ours: the real Session Lab app (built site + sandbox), as `npm start` serves it, without logs.
 * - bare: the ceiling, express 5 + cookie-session with the same routes' shape: GET / reads
 *   req.session.firstName and sends a small fixed page; POST /store sets it and redirects.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cookieSession from 'cookie-session';
import express from 'express';
import { readConfig } from '../../server/config.ts';
import { createApp } from '../../server/server.ts';

export type ServerKind = 'ours' | 'bare';

/** The bare express 5 + cookie-session app. */
export function createBareApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    cookieSession({ name: 'session', keys: ['bench-key'], path: '/', httpOnly: true, sameSite: 'lax' }),
  );
  app.get('/', (req, res) => {
    const firstName = req.session?.firstName;
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sessions</title></head><body><h1>Sessions</h1>${
          typeof firstName === 'string' ? `First Name: ${escapeHtml(firstName)}<br>` : ''
        }<form method="post" action="/store"><input name="firstName"><button>Store</button></form></body></html>`,
      );
  });
  app.post('/store', express.urlencoded({ extended: false, limit: '16kb' }), (req, res) => {
    if (req.session) req.session.firstName = String(req.body?.firstName ?? '');
    res.redirect(302, '/');
  });
  return app;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

async function main(kind: string | undefined): Promise<void> {
  let app: express.Express;
  if (kind === 'ours') {
    app = await createApp({ config: readConfig({ ...process.env, LOG_REQUESTS: '0' }) });
  } else if (kind === 'bare') {
    app = createBareApp();
  } else {
    console.error('Usage: node test/bench/serve.ts ours|bare');
    process.exit(2);
  }
  const server: Server = app.listen(0, '127.0.0.1');
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    console.log(JSON.stringify({ port }));
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.filename === process.argv[1]) await main(process.argv[2]);
