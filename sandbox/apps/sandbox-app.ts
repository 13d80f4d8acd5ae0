/**
 * The handout's app as an express router, the same for both engines: GET / shows the form and the
 * lesson's template rendered with the session (and any flashed messages, which reading removes);
 * POST /store, /store-second, /flash, /clear and /permanent do what flask_app.py does and redirect
 * (302) back to the page. Every request is recorded.
 */
import { type Request, type Response, Router } from 'express';
import { exchangeOf } from '../exchange/context.ts';
import type { Exchange, SandboxAction } from '../exchange/exchange.ts';
import { labOf } from '../keys/lab-settings.ts';
import { recordExchanges } from '../recorder/record.ts';
import type { TraceCodec } from '../recorder/trace.ts';
import { readCookie } from '../web/cookies.ts';
import { jsonForScript } from '../web/embed.ts';
import { formParser, requireField } from '../web/forms.ts';
import { pageOf, redirectTo, renderPage, respondAfterHeaders } from '../web/pages.ts';
import { codeLinesFor } from './app-source.ts';
import type { SandboxEngine, SessionHandle } from './engine.ts';
import { renderLesson } from './lesson-template.ts';

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
  /** Extra routes mounted at /lab after the engine (the lab experiments). */
  lab?: Router;
}

/**
 * True when the page is shown inside a course page's frame: the browser says so (`Sec-Fetch-Dest`,
 * kept across the form's redirect) or the frame asked with `?embed=1`. Framed, the page shows only
 * the app, since the course page around it has the inspector and the lab; on its own (and with
 * JavaScript off) it keeps its own lab and last exchange.
 */
function isFramed(req: Request): boolean {
  return req.get('sec-fetch-dest') === 'iframe' || req.query.embed === '1';
}

/** Builds the app router for one engine. */
export function createAppRouter(options: AppRouterOptions): Router {
  const { engine, traces } = options;
  const router = Router();
  router.use(recordExchanges({ engine: engine.name, traces }), engine.middleware);
  router.get('/', showPage(options));
  const form = formParser(options.bodyLimit);
  for (const [path, name, run] of actions) router.post(path, form, runAction(engine, name, run));
  if (options.lab) router.use('/lab', options.lab);
  return router;
}

type ActionRun = (session: SessionHandle, req: Request) => void;

/** The app's POST routes, as flask_app.py has them: each changes the session, then redirects to the page. */
const actions: [path: string, name: SandboxAction, run: ActionRun][] = [
  ['/store', 'store', (session, req) => session.set('firstName', requireField(req, 'firstName'))],
  [
    '/store-second',
    'store-second',
    (session, req) => session.set('favouriteColour', requireField(req, 'favouriteColour')),
  ],
  ['/flash', 'flash', (session, req) => session.flash(requireField(req, 'message'))],
  ['/clear', 'clear', (session) => session.clear()],
  ['/permanent', 'permanent', (session) => session.makePermanent()],
];

/** One POST route: records which action ran and its app lines, runs it, redirects (302) to the page. */
function runAction(engine: SandboxEngine, name: SandboxAction, run: ActionRun) {
  return (req: Request, res: Response) => {
    const state = exchangeOf(res);
    state.action = name;
    state.codeLines = codeLinesFor(name);
    run(engine.session(req, res), req);
    redirectTo(res, pageOf(engine.name));
  };
}

/** GET /: index.html's logic (flashed messages, then the lesson's `{% if %}`), then the page with its records. */
function showPage(options: AppRouterOptions) {
  const { engine, traces } = options;
  return (req: Request, res: Response) => {
    const session = engine.session(req, res);
    const state = exchangeOf(res);
    state.codeLines = codeLinesFor('show');
    // get_flashed_messages() pops '_flashes', so a page that shows them changes the cookie again.
    const flashes = session.takeFlashes();
    // The template tests `'firstName' in session` (an access from Flask 3.1) and then reads session['firstName'].
    const shown = session.has('firstName');
    if (shown) session.read('firstName');
    state.templateBranch = shown ? 'if' : 'else';
    const lessonOutput = renderLesson(session.view());
    state.templateHtml = lessonOutput.trim();
    // Only for the browser the trace was made for: the one now sending the cookie it left.
    const previous = traces.open(req.query.trace, readCookie(req, 'session') ?? null);
    respondAfterHeaders(res, 200, 'html', () => {
      const current = state.exchange as Exchange;
      const exchanges = previous?.engine === engine.name ? [previous, current] : [current];
      const lab = engine.name === 'flask' ? labOf(req, options.sandboxKey, options.serverSecret) : undefined;
      return renderPage('app', {
        engine: engine.name,
        home: pageOf(engine.name),
        sandboxKey: options.sandboxKey,
        sandboxKeyIsPublicDemo: options.sandboxKeyIsPublicDemo,
        lab,
        flashes,
        lessonOutput,
        templateBranch: state.templateBranch,
        exchanges: exchanges.toReversed(),
        exchangesJson: jsonForScript(exchanges),
        cookieValue: current.cookieAfter ?? '',
        embedded: isFramed(req),
      });
    });
  };
}
