/**
 * The sandbox app page and its records, as a learner sees them: which lines of flask_app.py each
 * request ran (found in the file itself), the cookie ready to edit, the key settings only on the
 * Flask page, and the record's path without the query.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

const source = readFileSync(new URL('../../sandbox/apps/flask_app.py', import.meta.url), 'utf8').split('\n');
const textOf = (lines: number[]) => lines.map((n) => source[n - 1]?.trim());

async function recordsAfter(agent: ReturnType<typeof request.agent>, path: string, form = {}) {
  const res = await agent.post(path).type('form').send(form);
  const page = await agent.get(res.headers.location);
  return embeddedExchanges(page.text) as unknown as Exchange[];
}

describe('the app page', () => {
  it("marks the lines of flask_app.py each request ran, in the file's order", async () => {
    const agent = request.agent(sandboxApp());
    const [store, show] = await recordsAfter(agent, '/sandbox/flask/store', { firstName: 'Phill' });
    expect(textOf(store?.codeLines ?? [])).toEqual([
      "@app.post('/store')",
      'def store():',
      "session['firstName'] = request.form['firstName']",
      "return redirect(url_for('index'))",
    ]);
    expect(textOf(show?.codeLines ?? [])).toEqual([
      "@app.get('/')",
      'def index():',
      "return render_template('index.html')",
    ]);
    const [clear] = await recordsAfter(agent, '/sandbox/flask/clear');
    expect(textOf(clear?.codeLines ?? [])).toEqual([
      "@app.post('/clear')",
      'def clear():',
      'session.clear()',
      "return redirect(url_for('index'))",
    ]);
  });

  it('puts the cookie the browser holds in the tamper box, and nothing before there is one', async () => {
    const agent = request.agent(sandboxApp());
    expect((await agent.get('/sandbox/flask/')).text).toContain(
      'name="cookie" spellcheck="false"></textarea>',
    );
    const [, show] = await recordsAfter(agent, '/sandbox/flask/store', { firstName: 'Phill' });
    const page = await agent.get('/sandbox/flask/');
    expect(show?.cookieAfter).toBeTruthy();
    expect(page.text).toContain(`name="cookie" spellcheck="false">${show?.cookieAfter}</textarea>`);
  });

  it("shows the learner's own key settings on the Flask page only", async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/lab/key').type('form').send({ secretKey: 'mine' });
    expect((await agent.get('/sandbox/flask/')).text).toContain('Your sandbox uses your own lab key');
    expect((await agent.get('/sandbox/express/')).text).not.toContain('Your sandbox uses your own lab key');
  });

  it('records the path without its query', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/?trace=nothing&x=1');
    const [record] = embeddedExchanges(res.text) as unknown as Exchange[];
    expect(record?.path).toBe('/sandbox/flask/');
  });

  it("shows a forged tuple in the record's anatomy in the display convention", async () => {
    const agent = request.agent(sandboxApp());
    const [lab] = await recordsAfter(agent, '/sandbox/flask/lab/forge', {
      json: '{"t": {"$tuple": [1, "a"]}}',
    });
    expect(lab?.anatomy?.value).toEqual({ t: { $tuple: [1, 'a'] } });
  });
});
