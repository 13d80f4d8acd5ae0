/**
 * The order one sandbox request's context runs in, over real HTTP on a small express app: the
 * engine's save, then the watchers of the written cookie, then the record, each once, and a lab
 * experiment that writes the cookie itself stops the engine's save.
 */
import express, { type Response } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import {
  type EngineCookieWrite,
  type ExchangeContext,
  experimentWritesCookie,
  recordOf,
  reportOpened,
  startExchange,
  whenCookieWritten,
} from '../../sandbox/exchange/context.ts';

/** A stand-in record: what the test reads back is the order of events and the headers as they left. */
function recordFor(res: Response, events: string[]) {
  return (context: ExchangeContext): Exchange => {
    events.push('record');
    return {
      id: 'test',
      engine: context.engine,
      at: 0,
      action: context.action,
      method: 'GET',
      path: '/',
      status: res.statusCode,
      requestCookie: null,
      setCookies: [String(res.getHeader('set-cookie') ?? '')],
      vary: null,
      session: {
        status: context.opened.status,
        before: context.opened.before,
        after: context.opened.after(),
      },
      cookieAfter: null,
      codeLines: context.codeLines,
      summary: events.join(' → '),
    };
  };
}

function appWith(write: (res: Response, events: string[]) => EngineCookieWrite, experiment: boolean) {
  const app = express();
  app.get('/', (_req, res) => {
    const events: string[] = [];
    startExchange(res, 'flask', recordFor(res, events));
    reportOpened(res, { status: 'valid', before: { a: 1 }, after: () => ({ a: 2 }) }, write(res, events));
    whenCookieWritten(res, () => events.push(`watched ${res.getHeader('set-cookie') ?? 'no cookie'}`));
    if (experiment) {
      experimentWritesCookie(res, () => ({ forged: true }));
      res.setHeader('Set-Cookie', 'session=by-experiment');
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(recordOf(res)));
  });
  return app;
}

const savesOnHeaders = (res: Response, events: string[]): EngineCookieWrite => ({
  when: 'on-headers',
  save: () => {
    events.push('save');
    res.setHeader('Set-Cookie', 'session=by-engine');
  },
});

describe('one exchange context', () => {
  it("runs the engine's save, then the watchers, then the record, once each", async () => {
    const answer = await request(appWith(savesOnHeaders, false)).get('/').expect(200);
    expect(answer.headers['set-cookie']).toEqual(['session=by-engine']);
    expect(answer.body.summary).toBe('save → watched session=by-engine → record');
    expect(answer.body.session).toEqual({ status: 'valid', before: { a: 1 }, after: { a: 2 } });
  });

  it("a lab experiment that writes the cookie itself stops the engine's save and says what it sent", async () => {
    const answer = await request(appWith(savesOnHeaders, true)).get('/').expect(200);
    expect(answer.headers['set-cookie']).toEqual(['session=by-experiment']);
    expect(answer.body.summary).toBe('watched session=by-experiment → record');
    expect(answer.body.session.after).toEqual({ forged: true });
  });

  it('an engine that writes its cookie by itself gets no save call', async () => {
    const answer = await request(appWith(() => ({ when: 'by-itself' }), false))
      .get('/')
      .expect(200);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.body.summary).toBe('watched no cookie → record');
  });

  it('a request no engine opened is recorded as no cookie and an empty session, before and after', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      startExchange(res, 'express', recordFor(res, []));
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(recordOf(res)));
    });
    const answer = await request(app).get('/').expect(404);
    expect(answer.body.session).toEqual({ status: 'none', before: {}, after: {} });
    expect(answer.body.engine).toBe('express');
  });

  it('asking for the context where the recorder was not mounted is a setup error', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      let message = '';
      try {
        experimentWritesCookie(res);
      } catch (error) {
        message = (error as Error).message;
      }
      res.type('text').send(message);
    });
    const answer = await request(app).get('/').expect(200);
    expect(answer.text).toBe('sandbox exchange missing: mount recordExchanges() first');
  });

  it('reading the record before the headers are written is a setup error, not a silent undefined', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      startExchange(res, 'flask', recordFor(res, []));
      let message = '';
      try {
        recordOf(res);
      } catch (error) {
        message = (error as Error).message;
      }
      res.type('text').send(message);
    });
    const answer = await request(app).get('/').expect(200);
    expect(answer.text).toBe('sandbox exchange read before its headers were written');
  });
});
