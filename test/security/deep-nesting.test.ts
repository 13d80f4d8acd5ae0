/**
 * Sessions nested thousands deep, signed with the public keys, over real HTTP: the Express
 * engine's 5,000 nested arrays (a 500 before: JSON.stringify ran out of stack) and Flask sessions
 * around Python's recursion limit all get a page, with the too-deep part shown as a note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { embeddedExchanges } from '../sandbox/app.ts';
import { deeplyNested, expressCookie, flaskCookie } from './hostile-cookies.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** The page's records, typed. */
const recordsOf = (html: string) => embeddedExchanges(html) as unknown as Exchange[];

async function page(path: string, cookie: string, accept = 'text/html') {
  const res = await fetch(server.url + path, { headers: { cookie, accept } });
  return { status: res.status, text: await res.text() };
}

describe('deeply nested sessions', () => {
  it('a signed Express session with 5,000 nested arrays is shown, its value as a note', async () => {
    const res = await page('/sandbox/express/', expressCookie(deeplyNested(5000)));
    expect(res.status).toBe(200);
    expect(res.text).toContain('nested deeper than 64 levels: not shown');
    const [record] = recordsOf(res.text);
    expect(record?.session).toMatchObject({
      status: 'valid',
      before: { firstName: '[nested deeper than 64 levels: not shown]' },
    });
  });

  it('storing into it still works: the session is replaced, no 5xx', async () => {
    const res = await fetch(`${server.url}/sandbox/express/store`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: expressCookie(deeplyNested(5000)),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'firstName=Ada',
    });
    expect(res.status).toBe(302);
  });

  it('a moderately deep Express session is shown whole', async () => {
    const res = await page('/sandbox/express/', expressCookie(deeplyNested(10)));
    const [record] = recordsOf(res.text);
    expect(record?.session.before).toEqual({ firstName: JSON.parse(`${'['.repeat(10)}${']'.repeat(10)}`) });
  });

  it('Flask sessions at and past Flask 3.1’s nesting limit get a page: read, or an unreadable payload', async () => {
    // Flask 3.1 loads 491 levels inside a request (the session dict is one of them).
    const at = await page('/sandbox/flask/', `session=${flaskCookie(deeplyNested(489))}`);
    expect(at.status).toBe(200);
    const [kept] = recordsOf(at.text);
    expect(kept?.session.status).toBe('valid');
    expect(JSON.stringify(kept?.session.before)).toContain('nested deeper than 32 levels: not shown');
    const past = await page('/sandbox/flask/', `session=${flaskCookie(deeplyNested(600))}`);
    expect(past.status).toBe(200);
    const [refused] = recordsOf(past.text);
    expect(refused?.session.status).toBe('bad-payload');
  });
});
