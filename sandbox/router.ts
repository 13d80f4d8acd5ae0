/**
 * The live sandbox, mounted at /sandbox: the handout's app in two engines (/flask, /express), the
 * lab's experiments (/flask/lab, /express/lab), the cookie tools (/api) and the proof that real Flask
 * in the browser sent the server engine's bytes (/api/same-action). No state per learner:
 * their session and lab settings live in their cookies, the inspector's records travel in URLs
 * signed with the server secret, so any process sharing SESSION_LAB_SECRET can serve any request.
 */
import { type ErrorRequestHandler, Router } from 'express';
import helmet from 'helmet';
import { createAccounts } from './apps/accounts.ts';
import { expressEngine } from './apps/express-engine.ts';
import { flaskEngine } from './apps/flask-engine.ts';
import { createSameActionRouter } from './apps/same-action.ts';
import { createAppRouter } from './apps/sandbox-app.ts';
import { serverSideEngine } from './apps/server-side-engine.ts';
import { type LazyStore, lazyStore } from './apps/store-source.ts';
import { challengeJudge, challengeNoticeOf } from './challenges/judge.ts';
import { createChallengesRouter } from './challenges/router.ts';
import { createApiRouter } from './lab/api.ts';
import { createExpressLab } from './lab/express-lab.ts';
import { createFlaskLab } from './lab/flask/index.ts';
import { createServerSideLab } from './lab/server-side-lab.ts';
import { openLabSettings } from './lab-settings/per-request.ts';
import { mountRateLimits, type RateLimits } from './rate-limits.ts';
import { createTraceCodec } from './recorder/trace.ts';
import { withoutBase } from './web/base-path.ts';
import { refuseCrossSiteWrites } from './web/csrf.ts';
import { formAddressVisits } from './web/form-addresses.ts';
import { learnerMessage, parserType, statusOf } from './web/http-errors.ts';
import { pageOf, renderPage, wantsJson } from './web/pages.ts';

/** What the sandbox needs from the server's settings, and nothing else. */
export interface SandboxConfig {
  /** The key the engines sign with, unless a learner's lab settings say otherwise. */
  sandboxKey: string;
  /** True when `sandboxKey` is the public demo key (the pages label it so). */
  sandboxKeyIsPublicDemo: boolean;
  /** The server's own secret: seals the inspector's records and the lab cookie. */
  serverSecret: string | undefined;
  /** The members' app's admin password; undefined: derived from the server secret (random per start). */
  adminPassword: string | undefined;
  /** Largest accepted request body, in bytes; bigger forms get a 413 page. */
  bodyLimit: number;
  /** Where the server-side engine keeps its sessions: SQLite in `dataDir`, or Redis at `redisUrl`. */
  store: { dataDir: string; redisUrl?: string };
}

/** Picks the sandbox's settings out of the server's. */
export function sandboxConfigOf(config: {
  sandboxSecretKey: string;
  sandboxKeyIsPublicDemo: boolean;
  serverSecret: string | undefined;
  sandboxAdminPassword: string | undefined;
  bodyLimit: number;
  dataDir: string;
  redisUrl: string | undefined;
}): SandboxConfig {
  return {
    sandboxKey: config.sandboxSecretKey,
    sandboxKeyIsPublicDemo: config.sandboxKeyIsPublicDemo,
    serverSecret: config.serverSecret,
    adminPassword: config.sandboxAdminPassword,
    bodyLimit: config.bodyLimit,
    store: { dataDir: config.dataDir, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) },
  };
}

/** Test hooks; production uses the defaults. */
export interface SandboxRouterOptions {
  /** The Flask engine's clock, Unix seconds (default: the system clock). */
  now?: () => number;
  /** Rate limits other than the classroom defaults (rate-limits.ts). */
  rateLimits?: Partial<RateLimits>;
  /** The server-side engine's store (default: opened from `config.store` on first use). */
  store?: LazyStore;
}

/** The live sandbox's routes, mounted at /sandbox. */
export function createSandboxRouter(config: SandboxConfig, options: SandboxRouterOptions = {}): Router {
  const now = options.now ?? (() => Date.now() / 1000);
  const traces = createTraceCodec(config.serverSecret);
  const accounts = createAccounts(config.adminPassword, config.serverSecret);
  const shared = { traces, accounts, ...config };
  const labOptions = {
    sandboxKey: config.sandboxKey,
    serverSecret: config.serverSecret,
    bodyLimit: config.bodyLimit,
    now,
  };

  const router = Router();
  // The apps' pages show what learners typed; they run no script at all, so none may run.
  // (Only on the apps and tools: /sandbox/ itself is a built page with the inspector's script.)
  router.use(
    ['/flask', '/express', '/server-side', '/challenges', '/api'],
    helmet.contentSecurityPolicy({ useDefaults: false, directives: appPolicy }),
  );
  // Before any route or engine runs: a refused request changes nothing and sets no cookie.
  router.use(refuseCrossSiteWrites);
  mountRateLimits(router, options.rateLimits);
  // The learner's sealed lab settings, opened once here for whatever below reads them.
  router.use(openLabSettings({ sandboxKey: config.sandboxKey, serverSecret: config.serverSecret }));
  const store = options.store ?? lazyStore(config.store);
  const judge = challengeJudge({ sandboxKey: config.sandboxKey, serverSecret: config.serverSecret });
  const judged = { judge, noticeOf: challengeNoticeOf };
  router.use(
    '/flask',
    createAppRouter({
      ...shared,
      ...judged,
      engine: flaskEngine({ now }),
      lab: createFlaskLab(labOptions),
    }),
  );
  router.use(
    '/express',
    createAppRouter({
      ...shared,
      engine: expressEngine({ sandboxKey: config.sandboxKey }),
      lab: createExpressLab(labOptions),
    }),
  );
  const serverSide = serverSideEngine({ store: store.get, kind: store.kind, now });
  router.use(
    '/server-side',
    createAppRouter({
      ...shared,
      ...judged,
      engine: serverSide,
      lab: createServerSideLab({ bodyLimit: config.bodyLimit, engine: serverSide }),
    }),
  );
  router.use('/challenges', createChallengesRouter({ ...labOptions, store: store.get }));
  // Stateless: signs only with the handout's demo key, sets no cookie, records nothing.
  router.use('/api/same-action', createSameActionRouter({ bodyLimit: config.bodyLimit, now }));
  router.use('/api', createApiRouter(labOptions));
  router.use(formAddressVisits(router));
  router.use(sandboxErrors);
  return router;
}

/** The sandbox apps' and error pages' policy: they run no script at all. */
const appPolicy = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
};
const appPolicyHeader = Object.entries(appPolicy)
  .map(([name, sources]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(' ')}`)
  .join('; ');

/**
 * Bad input gets a friendly page (or JSON) with the right 4xx status, never a stack trace; only a
 * bug gives a 500, and its details go to the log.
 */
const sandboxErrors: ErrorRequestHandler = (error, req, res, next) => {
  const status = statusOf(error);
  if (status >= 500) console.error(`Sandbox error on ${req.method} ${req.originalUrl.split('?')[0]}:`, error);
  if (res.headersSent) {
    next(error);
    return;
  }
  const type = parserType(error);
  const message =
    status >= 500
      ? 'Something went wrong in the sandbox. Please try again.'
      : (learnerMessage(error) ??
        (type === undefined ? undefined : parserMessages[type]) ??
        statusMessages[status] ??
        'Bad Request: the browser (or proxy) sent a request that this server could not understand.');
  const engine = /^\/sandbox\/(express|server-side)/.exec(withoutBase(req.originalUrl))?.[1];
  const back = pageOf(engine === 'express' || engine === 'server-side' ? engine : 'flask');
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', appPolicyHeader);
  if (wantsJson(req.accepts.bind(req))) res.json({ error: message, status });
  else res.type('html').send(renderPage('error', { status, title: titleOf(type, status), message, back }));
};

/** What body-parser's errors (by `type`) mean for a learner. */
const parserMessages: Record<string, string> = {
  'parameters.too.many':
    'That form had too many form fields for the sandbox. Please send only the fields of the form.',
  'entity.too.large': 'That form was too large for the sandbox. Please send less text.',
  'charset.unsupported': 'Unsupported form: the sandbox reads forms only in UTF-8.',
  'encoding.unsupported':
    'Unsupported form: the sandbox reads forms only without content encoding (no gzip etc.).',
};

/** Fallback messages by status, for errors without a known type. */
const statusMessages: Record<number, string> = {
  413: 'That form was too large for the sandbox. Please send less text.',
  415: 'Unsupported form: the sandbox reads only plain UTF-8 forms (application/x-www-form-urlencoded).',
};

/** The error page's title: what went wrong, in a few words. */
function titleOf(type: string | undefined, status: number): string {
  if (type === 'parameters.too.many') return 'Too many form fields';
  return titles[status] ?? 'Bad Request';
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  403: 'Refused: sent from another site',
  404: 'Not Found',
  405: 'This address takes a form',
  413: 'Too large',
  415: 'Unsupported form',
  429: 'Too many requests',
  500: 'Sandbox error',
};
