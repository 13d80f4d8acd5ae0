/**
 * Flashing in the handout's app, over HTTP, the route step 7 teaches: POST /flash stores `firstName`
 * and flashes "Saved {name}", which puts `_flashes` (a list of `(category, message)` tuples, tag " t")
 * in the session cookie; the next page shows the messages, escaped, and its cookie no longer holds
 * them. The same for the Express engine, in plain JSON.
 * (The comparison with real Flask, header by header, is in real-flask.test.ts.)
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { codeLinesFor } from '../../sandbox/apps/app-source.ts';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { loadSession } from '../../sandbox/flask-session/index.ts';
import { PyTuple } from '../../sandbox/flask-session/values.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

const demoKey = 'w98fw9ef8hwe98fhwef';
type Agent = ReturnType<typeof request.agent>;

/** POSTs a first name to /flash, follows the redirect: [the POST's record, the page's record, the page's HTML]. */
async function flash(agent: Agent, engine: 'flask' | 'express', firstName: string) {
  const res = await agent.post(`/sandbox/${engine}/flash`).type('form').send({ firstName });
  expect(res.status).toBe(302);
  const page = await agent.get(res.headers.location);
  const [post, shown] = embeddedExchanges(page.text) as unknown as Exchange[];
  return { post, shown, html: page.text };
}

describe('flash (Flask engine)', () => {
  it('_flashes appears in the cookie after the POST and is gone once the page read it', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/store-second').type('form').send({ favouriteColour: 'teal' });
    const { post, shown, html } = await flash(agent, 'flask', 'Phill <b>');

    expect(post).toMatchObject({ action: 'flash', method: 'POST', codeLines: codeLinesFor('flash') });
    expect(post?.session.after).toEqual({
      favouriteColour: 'teal',
      firstName: 'Phill <b>',
      _flashes: [{ $tuple: ['message', 'Saved Phill <b>'] }],
    });
    expect(post?.summary).toContain("session['_flashes']");
    const stored = loadSession(post?.cookieAfter as string, { secretKey: demoKey });
    expect(stored._flashes).toEqual([new PyTuple(['message', 'Saved Phill <b>'])]);

    expect(html).toContain('<li>Saved Phill &lt;b&gt;</li>');
    expect(shown?.session.before).toHaveProperty('_flashes');
    expect(shown?.session.after).toEqual({ favouriteColour: 'teal', firstName: 'Phill <b>' });
    expect(shown?.summary).toContain('removed _flashes');
    expect(loadSession(shown?.cookieAfter as string, { secretKey: demoKey })).toEqual({
      favouriteColour: 'teal',
      firstName: 'Phill <b>',
    });

    const again = await agent.get('/sandbox/flask/');
    expect(again.text).not.toContain('Flashed messages');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('messages pile up until shown, in order; the last name stored wins', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/flash').type('form').send({ firstName: 'Ada' });
    const { post, shown, html } = await flash(agent, 'flask', 'Grace');
    expect(post?.session.after._flashes).toEqual([
      { $tuple: ['message', 'Saved Ada'] },
      { $tuple: ['message', 'Saved Grace'] },
    ]);
    expect(html).toMatch(/<li>Saved Ada<\/li><li>Saved Grace<\/li>/);
    expect(shown?.session.after).toEqual({ firstName: 'Grace' });
  });

  it('a missing firstName field is a 400, as request.form does', async () => {
    const res = await request(sandboxApp()).post('/sandbox/flask/flash').type('form').send({});
    expect(res.status).toBe(400);
    expect(res.text).toContain('no &quot;firstName&quot; field');
  });

  it('the page has a flash form next to Store', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/');
    expect(res.text).toMatch(/action="\/sandbox\/flask\/store"[\s\S]*action="\/sandbox\/flask\/flash"/);
  });
});

describe('flash (Express engine, for parity)', () => {
  it('keeps [category, message] pairs in the JSON session and drops them once shown', async () => {
    const agent = request.agent(sandboxApp());
    const { post, shown, html } = await flash(agent, 'express', 'Hi <i>');
    expect(post?.session.after).toEqual({ firstName: 'Hi <i>', _flashes: [['message', 'Saved Hi <i>']] });
    expect(html).toContain('<li>Saved Hi &lt;i&gt;</li>');
    expect(shown?.session.after).toEqual({ firstName: 'Hi <i>' });
  });
});
