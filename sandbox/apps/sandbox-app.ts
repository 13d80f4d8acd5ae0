/**
 * The handout's app as an express router, the same for both engines: GET / shows the form and the
 * lesson's template rendered with the session; POST /store, /store-second, /clear and /permanent do
 * what flask_app.py does and redirect (302) back to the page. Every request is recorded.
 */
import { type Request, type Response, Router } from 'express';
import { exchangeOf } from '../exchange/context.ts';
import type { Exchange, SandboxAction } from '../exchange/exchange.ts';
import { labOf } from '../keys/lab-settings.ts';
import { recordExchanges } from '../recorder/record.ts';
import type { TraceCodec } from '../recorder/trace.ts';
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
  const home = pageOf(engine.name);
  const form = formParser(options.bodyLimit);
  const router = Router();
  router.use(recordExchanges({ engine: engine.name, traces }), engine.middleware);

  router.get('/', (req, res) => {
    const session = engine.session(req, res);
    const state = exchangeOf(res);
    state.codeLines = codeLinesFor('show');
    // The template tests `'firstName' in session` (not an access) and then reads session['firstName'] (an access).
    const shown = session.has('firstName');
    if (shown) session.read('firstName');
    state.templateBranch = shown ? 'if' : 'else';
    const lessonOutput = renderLesson(session.view());
    state.templateHtml = lessonOutput.trim();
    const previous = traces.open(req.query.trace);
    respondAfterHeaders(res, 200, 'html', () => {
      const current = state.exchange as Exchange;
      const exchanges = previous?.engine === engine.name ? [previous, current] : [current];
      return renderPage('app', {
        engine: engine.name,
        home,
        sandboxKey: options.sandboxKey,
        sandboxKeyIsPublicDemo: options.sandboxKeyIsPublicDemo,
        lab: engine.name === 'flask' ? labOf(req, options.sandboxKey, options.serverSecret) : undefined,
        lessonOutput,
        templateBranch: state.templateBranch,
        exchanges: exchanges.toReversed(),
        exchangesJson: jsonForScript(exchanges),
        cookieValue: current.cookieAfter ?? '',
        embedded: isFramed(req),
      });
    });
  });

  const action = (name: SandboxAction, run: (session: SessionHandle, req: Request) => void) => [
    form,
    (req: Request, res: Response) => {
      const state = exchangeOf(res);
      state.action = name;
      state.codeLines = codeLinesFor(name);
      run(engine.session(req, res), req);
      redirectTo(res, home);
    },
  ];
  router.post(
    '/store',
    action('store', (session, req) => session.set('firstName', requireField(req, 'firstName'))),
  );
  router.post(
    '/store-second',
    action('store-second', (session, req) =>
      session.set('favouriteColour', requireField(req, 'favouriteColour')),
    ),
  );
  router.post(
    '/clear',
    action('clear', (session) => session.clear()),
  );
  router.post(
    '/permanent',
    action('permanent', (session) => session.makePermanent()),
  );
  if (options.lab) router.use('/lab', options.lab);
  return router;
}
