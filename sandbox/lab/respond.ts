/**
 * How a lab experiment answers: a redirect (302) to the engine's page, so the framed app shows the
 * result and its record arrives through `?trace=`; or, for `Accept: application/json`, the record itself.
 */
import type { Request, Response } from 'express';
import type { ServerEngine } from '../contract/exchange.ts';
import { exchangeOf, recordOf } from '../exchange/context.ts';
import { pageOf, redirectTo, respondAfterHeaders, wantsJson } from '../web/pages.ts';

/** Marks the request as lab experiment `name` with its one-sentence explanation. */
export function startLab(res: Response, name: string, summary: string): void {
  const state = exchangeOf(res);
  state.action = 'lab';
  state.labAction = name;
  state.summary = summary;
}

/** Finishes an experiment: JSON `{ ok, exchange }` when asked for, else a redirect to the app page. */
export function finishLab(req: Request, res: Response, engine: ServerEngine): void {
  if (wantsJson(req.accepts.bind(req))) {
    respondAfterHeaders(res, 200, 'json', () => JSON.stringify({ ok: true, exchange: recordOf(res) }));
  } else {
    redirectTo(res, pageOf(engine));
  }
}
