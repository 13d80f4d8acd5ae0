/**
 * The handout's app as an express router, the same for every engine: GET / shows the form and the
 * lesson's template rendered with the session (and any flashed messages, which reading removes);
 * POST /store, /store-second, /flash, /clear and /permanent do what flask_app.py does and redirect
 * (302) back to the page. The members' app of step 8 too: POST /login (clear, then store the user),
 * POST /logout and GET /members. Every request is recorded.
 */
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { controlsQuery, parseControls, splitControls } from '../contract/app-controls.ts';
import type { SandboxAction } from '../contract/exchange.ts';
import { exchangeOf, recordOf } from '../exchange/context.ts';
import { labSettingsOf } from '../lab-settings/per-request.ts';
import { recordExchanges } from '../recorder/record.ts';
import type { TraceCodec } from '../recorder/trace.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { jsonForScript } from '../web/embed.ts';
import { formParser, requireField } from '../web/forms.ts';
import { pageOf, redirectTo, renderPage, respondAfterHeaders } from '../web/pages.ts';
import { type Accounts, DEMO_ACCOUNTS } from './accounts.ts';
import { appSource, codeLinesFor, findLines } from './app-source.ts';
import type { SandboxEngine, SessionHandle } from './engine.ts';
import { renderLesson } from './lesson-template.ts';
import { STORE_DOWN_MESSAGE } from './server-side-engine.ts';

export interface AppRouterOptions {
  engine: SandboxEngine;
  traces: TraceCodec;
  /** Largest form body in bytes. */
  bodyLimit: number;
  /** The sandbox key (shown on the page, labelled public when it is the demo key). */
  sandboxKey: string;
  sandboxKeyIsPublicDemo: boolean;
  /** The server secret that seals learners' lab cookies (undefined: a per-process random one). */
  serverSecret: string | undefined;
  /** The members' app's accounts. */
  accounts: Accounts;
  /** Extra routes mounted at /lab after the engine (the lab experiments). */
  lab?: Router;
  /** Mounted right after the engine: judges the challenges on the learner's request. */
  judge?: RequestHandler;
  /** What the judge found, for the page's "Solved" banner. */
  noticeOf?: (res: Response) => unknown;
}

/** Where flask_app.py's login view keeps the user: `session['user_id']`, as Flask's tutorial does. */
export const USER_KEY = 'user_id';
/** What the login view answers for a wrong username or password (and stores nothing). */
export const WRONG_PASSWORD = 'Wrong username or password.';

/**
 * True when the page is shown inside a course page's frame: the browser says so (`Sec-Fetch-Dest`,
 * kept across the form's redirect) or the frame asked with `?embed=1`. Framed, the page shows only
 * the app, since the course page around it has the inspector and the lab; on its own (and with
 * JavaScript off) it keeps its own lab and last exchange.
 */
function isFramed(req: Request): boolean {
  return req.get('sec-fetch-dest') === 'iframe' || req.query.embed === '1';
}

/** The controls the framed page asked for (`?controls=`, known names only), kept across its redirects. */
function controlsOf(req: Request) {
  const controls = isFramed(req) ? parseControls(req.query.controls) : undefined;
  return { controls: splitControls(controls), controlsQuery: controlsQuery(controls) };
}

/** Builds the app router for one engine. */
export function createAppRouter(options: AppRouterOptions): Router {
  const { engine, traces } = options;
  const router = Router();
  router.use(recordExchanges({ engine: engine.name, traces }), engine.middleware);
  if (options.judge) router.use(options.judge);
  router.get('/', (req, res) => showPage(options, req, res));
  router.get('/members', showMembers(options));
  const form = formParser(options.bodyLimit);
  for (const [path, name, run] of handoutActions) router.post(path, form, runAction(engine, name, run));
  router.post('/login', form, login(options));
  if (options.lab) router.use('/lab', options.lab);
  return router;
}

/** What an action reads of the request: its parsed form (`request.form`). */
export type ActionRun = (session: SessionHandle, req: Pick<Request, 'body'>) => void;

/**
 * The app's POST routes, as flask_app.py has them: each changes the session, then redirects to the
 * page. (Also replayed by same-action.ts, the proof that real Flask sends the same bytes.)
 */
export const handoutActions: readonly [path: string, name: SandboxAction, run: ActionRun][] = [
  ['/store', 'store', (session, req) => session.set('firstName', requireField(req, 'firstName'))],
  [
    '/store-second',
    'store-second',
    (session, req) => session.set('favouriteColour', requireField(req, 'favouriteColour')),
  ],
  [
    '/flash',
    'flash',
    (session, req) => {
      const name = requireField(req, 'firstName');
      session.set('firstName', name);
      session.flash(`Saved ${name}`);
    },
  ],
  ['/clear', 'clear', (session) => session.clear()],
  ['/permanent', 'permanent', (session) => session.makePermanent()],
  ['/logout', 'logout', (session) => session.clear()],
];

/** One POST route: records which action ran and its app lines, runs it, redirects (302) to the page. */
function runAction(engine: SandboxEngine, name: SandboxAction, run: ActionRun) {
  return async (req: Request, res: Response) => {
    const state = exchangeOf(res);
    state.action = name;
    state.codeLines = codeLinesFor(name);
    run(engine.session(req, res), req);
    await engine.commit?.(req, res);
    redirectTo(res, `${pageOf(engine.name)}${controlsOf(req).controlsQuery}`);
  };
}

/**
 * POST /login, as flask_app.py's login(): a wrong username or password answers the page with a 401
 * and stores nothing; a right one clears the session first (nothing from before the login carries
 * over), stores the user and redirects to the members' page.
 */
function login(options: AppRouterOptions) {
  const { engine } = options;
  return async (req: Request, res: Response) => {
    const username = requireField(req, 'username', 200);
    const password = requireField(req, 'password', 200);
    const state = exchangeOf(res);
    state.action = 'login';
    if (!options.accounts.passwordOk(username, password)) {
      state.action = 'login-failed';
      await showPage(options, req, res, { status: 401, error: WRONG_PASSWORD });
      return;
    }
    state.codeLines = codeLinesFor('login');
    const session = engine.session(req, res);
    session.clear();
    session.set(USER_KEY, username);
    // Server-side sessions also get a new id (Flask-Session's regenerate()): the fixation defence.
    session.regenerate?.();
    await engine.commit?.(req, res);
    redirectTo(res, `${pageOf(engine.name)}members${controlsOf(req).controlsQuery}`);
  };
}

/** The user the session holds (`session.get('user_id')`, an access), or undefined. */
function userOf(session: SessionHandle): string | undefined {
  return session.has(USER_KEY) ? session.read(USER_KEY) : undefined;
}

/** GET /members: the members-only page; without a user in the session a 401 that says to log in. */
function showMembers(options: AppRouterOptions) {
  const { engine, traces } = options;
  return async (req: Request, res: Response) => {
    const session = engine.session(req, res);
    const state = exchangeOf(res);
    state.action = 'members';
    // session.get('user_id') is an access in every Flask version, even when the key is missing.
    const present = session.has(USER_KEY);
    const value = session.read(USER_KEY);
    const user = present ? value : undefined;
    state.codeLines = user === undefined ? findLines(appSource, membersDenied) : codeLinesFor('members');
    await engine.commit?.(req, res);
    // Only for the browser the trace was made for: the one now sending the cookie it left.
    const previous = traces.open(req.query.trace, readCookie(req, 'session') ?? null);
    respondAfterHeaders(res, user === undefined ? 401 : 200, 'html', () => {
      const current = recordOf(res);
      const exchanges = previous?.engine === engine.name ? [previous, current] : [current];
      return renderPage('members', {
        engine: engine.name,
        home: pageOf(engine.name),
        user,
        storeDown: current.serverKeeps?.note === STORE_DOWN_MESSAGE ? STORE_DOWN_MESSAGE : undefined,
        challenge: options.noticeOf?.(res),
        challengesHome: withBase('/sandbox/challenges/'),
        exchanges: exchanges.toReversed(),
        exchangesJson: jsonForScript(exchanges),
        embedded: isFramed(req),
        ...controlsOf(req),
      });
    });
  };
}

const membersDenied = [
  "@app.get('/members')",
  'def members():',
  "user_id = session.get('user_id')",
  'if user_id is None:',
  "return render_template('members.html'), 401",
];

/** What index.html reads of the session, in its order: the flashed messages, the user, the name. */
export function readForPage(session: SessionHandle): {
  flashes: string[];
  user: string | undefined;
  shown: boolean;
} {
  // get_flashed_messages() pops '_flashes', so a page that shows them changes the cookie again.
  const flashes = session.takeFlashes();
  const user = userOf(session);
  // The template tests `'firstName' in session` (an access from Flask 3.1) and then reads session['firstName'].
  const shown = session.has('firstName');
  if (shown) session.read('firstName');
  return { flashes, user, shown };
}

interface PageOutcome {
  status: number;
  /** The login form's message (a failed login), shown above the form. */
  error?: string;
}

/** GET /: index.html's logic (flashed messages, the user, then the lesson's `{% if %}`), then the page with its records. */
async function showPage(
  options: AppRouterOptions,
  req: Request,
  res: Response,
  outcome: PageOutcome = { status: 200 },
): Promise<void> {
  const { engine, traces } = options;
  const session = engine.session(req, res);
  const state = exchangeOf(res);
  state.codeLines = codeLinesFor(state.action === 'login-failed' ? 'login-failed' : 'show');
  const { flashes, user, shown } = readForPage(session);
  state.templateBranch = shown ? 'if' : 'else';
  const lessonOutput = renderLesson(session.view());
  state.templateHtml = lessonOutput.trim();
  await engine.commit?.(req, res);
  // Only for the browser the trace was made for: the one now sending the cookie it left.
  const previous = traces.open(req.query.trace, readCookie(req, 'session') ?? null);
  respondAfterHeaders(res, outcome.status, 'html', () => {
    const current = recordOf(res);
    const exchanges = previous?.engine === engine.name ? [previous, current] : [current];
    const lab = engine.name === 'flask' ? labSettingsOf(res) : undefined;
    return renderPage('app', {
      engine: engine.name,
      home: pageOf(engine.name),
      sandboxKey: options.sandboxKey,
      sandboxKeyIsPublicDemo: options.sandboxKeyIsPublicDemo,
      lab,
      flashes,
      user,
      error: outcome.error,
      challenge: options.noticeOf?.(res),
      challengesHome: withBase('/sandbox/challenges/'),
      storeDown: current.serverKeeps?.note === STORE_DOWN_MESSAGE ? STORE_DOWN_MESSAGE : undefined,
      demoAccounts: DEMO_ACCOUNTS,
      lessonOutput,
      templateBranch: state.templateBranch,
      exchanges: exchanges.toReversed(),
      exchangesJson: jsonForScript(exchanges),
      cookieValue: current.cookieAfter ?? '',
      embedded: isFramed(req),
      ...controlsOf(req),
    });
  });
}
