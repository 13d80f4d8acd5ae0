import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { LazyStore } from '../sandbox/apps/store-source.ts';
import { createSandboxRouter, sandboxConfigOf } from '../sandbox/router.ts';
import { setBasePath, withBase, withoutBase } from '../sandbox/web/base-path.ts';
import { statusOf } from '../sandbox/web/http-errors.ts';
import type { ServerConfig } from './config.ts';
import { servePrecompressed } from './precompressed.ts';
import { boundPipelining, boundSandboxGets } from './request-limits.ts';

/** Where `astro build` writes the site: prerendered pages in client/, Astro's handler in server/. */
export const defaultDistDir = new URL('../dist/', import.meta.url).pathname;

export interface AppOptions {
  config: ServerConfig;
  distDir?: string;
  /** The server-side engine's store; listen.ts passes it so a graceful stop can close it. */
  store?: LazyStore;
}

type AstroHandler = (req: express.Request, res: express.Response, next: express.NextFunction) => void;

/**
 * The whole of Session Lab as one express app: the built course site, the live sandbox and a
 * health check, all under BASE_PATH when set (the site must be built with the same BASE_PATH).
 * It never listens; `start.ts` (or a test) does.
 */
export async function createApp({
  config,
  distDir = defaultDistDir,
  store,
}: AppOptions): Promise<express.Express> {
  setBasePath(config.basePath);
  const course = await createCourseApp(config, distDir, store);
  if (config.basePath === '') return course;
  // Mounted whole under the prefix: inside, every route and static file keeps its own path.
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(config.basePath, course);
  // Outside the prefix too (the redirect to it, the 404), the same protective headers as inside.
  app.use(securityHeaders);
  app.get('/', (_req, res) => {
    res.redirect(302, withBase('/'));
  });
  app.use((_req, res) => {
    res
      .status(404)
      .type('text')
      .send(`Not Found. Session Lab is served under ${withBase('/')}`);
  });
  return app;
}

/** The course and sandbox at the root of their own app (createApp mounts it under BASE_PATH). */
async function createCourseApp(
  config: ServerConfig,
  distDir: string,
  store: LazyStore | undefined,
): Promise<express.Express> {
  const clientDir = join(distDir, 'client');
  const entry = join(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) {
    throw new Error(`The site is not built (${entry} is missing). Run \`npm run build\` or \`npm start\`.`);
  }
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };

  const app = express();
  app.disable('x-powered-by');
  // Which proxies may say who the client is (req.ip) and that it came over HTTPS (TRUST_PROXY).
  app.set('trust proxy', config.trustProxy);
  if (config.logRequests) app.use(logRequests);
  app.use(securityHeaders);

  // Built pages and assets are compressed; the sandbox apps' own small pages are not: gzip cost a
  // third of their throughput (measured with npm run bench:sandbox) and saves ~6 KB per request.
  // Real Flask's files neither: the build compressed them once (0.5 s of CPU per learner for the wasm).
  app.use(
    compression({
      filter: (req, res) => {
        const url = withoutBase(req.originalUrl);
        return !isSandboxApp(url) && !url.startsWith('/_pyodide/') && compression.filter(req, res);
      },
    }),
  );

  app.use(refuseOtherMethods);
  app.use(boundPipelining);

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // Hashed build assets never change, so browsers may keep them for a year. A script here may be
  // real Flask's Web Worker, whose policy is its own response's: it compiles Pyodide's WebAssembly.
  app.use(
    '/_astro',
    express.static(join(clientDir, '_astro'), {
      immutable: true,
      maxAge: '1y',
      fallthrough: false,
      setHeaders: (res, path) => {
        if (path.endsWith('.js')) res.setHeader('Content-Security-Policy', workerPolicy);
      },
    }),
  );
  // Real Flask's files (Pyodide and the Flask zip) sit in content-hashed names, so they are kept a
  // year; only the manifest naming them is asked for again (the build writes them, see README).
  // Their gzip and brotli copies go as they are to the browsers that accept them.
  app.use(
    '/_pyodide',
    servePrecompressed(join(clientDir, '_pyodide')),
    express.static(join(clientDir, '_pyodide'), {
      immutable: true,
      maxAge: '1y',
      fallthrough: false,
      setHeaders: (res, path) => {
        if (path.endsWith('manifest.json')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // The live sandbox first: its requests need no look-up on disk. /sandbox/ itself is a built page.
  app.use(
    '/sandbox',
    boundSandboxGets(),
    createSandboxRouter(sandboxConfigOf(config), store ? { store } : {}),
  );
  app.use(express.static(clientDir, { extensions: ['html'] }));
  app.use(handler);
  app.use((_req, res) => {
    res.status(404).sendFile(join(clientDir, '404.html'));
  });
  app.use(handleError);
  return app;
}

/**
 * The header policy of every course page; it applies together with Astro's <meta> policy. No
 * default-src here: it would stand for script-src and block the inline scripts the <meta> allows by hash.
 */
const pagePolicy: NonNullable<NonNullable<Parameters<typeof helmet.contentSecurityPolicy>[0]>['directives']> =
  {
    defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
    frameAncestors: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
  };

/**
 * HSTS only for requests that came over HTTPS (directly, or through a proxy trusted with
 * TRUST_PROXY that said so): a browser that met the site over plain HTTP must not be told to insist on HTTPS.
 */
const hstsWhenSecure: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
};

/** The headers every response of the site carries (helmet's, the page policy, HSTS over HTTPS). */
const securityHeaders: RequestHandler[] = [
  helmet({
    // The course pages' script-src and style-src (with hashes) are in Astro's <meta> policy
    // (astro.config.mjs); this header adds what a <meta> cannot (frame-ancestors). The sandbox
    // apps set their own, stricter policy (sandbox/router.ts).
    contentSecurityPolicy: { useDefaults: false, directives: pagePolicy },
    frameguard: { action: 'sameorigin' },
    strictTransportSecurity: false,
  }),
  hstsWhenSecure,
];

/**
 * The policy a Web Worker's script runs under (a worker takes its response's policy, not the
 * page's): our own scripts, and compiling WebAssembly, which is all Pyodide needs. Never 'unsafe-eval'.
 */
const workerPolicy =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/** The policy of the server's own error page: no script at all, its one inline style block. */
const errorPagePolicy =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

const allowedMethods = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** A 405 for TRACE, PUT and the like: nothing here accepts them, and Astro's handler would throw. */
const refuseOtherMethods: RequestHandler = (req, res, next) => {
  if (allowedMethods.has(req.method)) return next();
  res.status(405).set('Allow', 'GET, HEAD, POST').type('text').send('Method Not Allowed');
};

/** The live apps and tools under /sandbox (the /sandbox/ page itself is a built page). `originalUrl`: mounted routers rewrite `path`. */
function isSandboxApp(url: string): boolean {
  return /^\/sandbox\/(flask|express|server-side|api)([/?]|$)/.test(url);
}

/** One line per request: enough for an instructor to see what a class is doing. */
const logRequests: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The path only: the sandbox's query strings carry learners' session records. The client's
    // address as the trusted proxy says (req.ip); never a cookie.
    const path = req.originalUrl.split('?')[0];
    console.log(
      `${new Date().toISOString()}${workerTag()} ${req.ip} ${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms`,
    );
  });
  next();
};

/** The last resort: a plain page for the user, the details for the log, never a stack trace in the response. */
const handleError: ErrorRequestHandler = (error, req, res, _next) => {
  const status = statusOf(error);
  // The path only: query strings carry learners' records.
  if (status >= 500) console.error(`Error serving ${req.method} ${req.originalUrl.split('?')[0]}:`, error);
  if (res.headersSent) return;
  const message =
    status === 413
      ? 'That form was too large. Please send less text.'
      : status < 500
        ? 'The request could not be understood.'
        : 'Something went wrong on our side. Please try again.';
  res
    .status(status)
    .type('html')
    .set('Content-Security-Policy', errorPagePolicy)
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} · Session Lab</title></head>` +
        `<body><main><h1>${status === 413 ? 'Too large' : 'Sorry'}</h1><p>${message}</p><p><a href="${withBase('/')}">Back to the course</a></p></main></body></html>`,
    );
};

/** ' worker N' in a cluster's worker (WORKERS > 1), so an instructor sees which process answered. */
function workerTag(): string {
  return cluster.isWorker && cluster.worker ? ` worker ${cluster.worker.id}` : '';
}
