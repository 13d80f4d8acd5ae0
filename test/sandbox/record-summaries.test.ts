/**
 * The sentence each exchange record carries (the inspector's timeline and screen readers read it):
 * what the app did, whether a cookie was sent, and why a cookie it was given did not count.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { MAX_INFLATED_BYTES, signSession } from '../../sandbox/flask-session/index.ts';
import { createSigner } from '../../sandbox/flask-session/signer.ts';
import { signTimed } from '../../sandbox/flask-session/timed.ts';
import { UNKNOWN_ID } from '../../sandbox/recorder/summary.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

// The real clock: the test agent's cookie jar drops a permanent cookie whose Expires has passed.
const NOW = Math.floor(Date.now() / 1000);
const demoKey = 'w98fw9ef8hwe98fhwef';
type Agent = ReturnType<typeof request.agent>;

const shownEmpty =
  "Showed the page: firstName is not in the session, so the template's {% if %} printed nothing; no cookie was set.";
const shownName =
  "Showed the page: firstName is in the session, so the template's {% if %} printed it; no cookie was set.";

/** The summaries of the records a page carries: the POST's (after a redirect), then the page's own. */
async function summaries(agent: Agent, url: string, cookie?: string): Promise<string[]> {
  const req = agent.get(url);
  const res = await (cookie === undefined ? req : req.set('Cookie', `session=${cookie}`));
  expect(res.status).toBe(200);
  return (embeddedExchanges(res.text) as unknown as Exchange[]).map((x) => x.summary);
}

/** POSTs a sandbox form and returns the summaries on the page it redirects to. */
async function post(agent: Agent, path: string, form: Record<string, string> = {}): Promise<string[]> {
  const res = await agent.post(path).type('form').send(form);
  expect(res.status).toBe(302);
  return summaries(agent, res.headers.location);
}

describe('record summaries', () => {
  it('say what each step of the flow did and whether a cookie was sent', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    expect(await summaries(agent, '/sandbox/flask/')).toEqual([shownEmpty]);
    expect(await post(agent, '/sandbox/flask/store', { firstName: 'Phill' })).toEqual([
      'Stored firstName in the session and sent the whole session back in a new signed cookie.',
      shownName,
    ]);
    expect(await post(agent, '/sandbox/flask/store-second', { favouriteColour: 'blue' })).toEqual([
      'Stored favouriteColour in the session and sent the whole session back in a new signed cookie.',
      shownName,
    ]);
    expect(await post(agent, '/sandbox/flask/permanent')).toEqual([
      'Made the session permanent: the cookie now carries an Expires date 31 days ahead.',
      "Showed the page: firstName is in the session, so the template's {% if %} printed it; the cookie was sent again with a fresh date (permanent sessions are refreshed).",
    ]);
    expect(await post(agent, '/sandbox/flask/clear')).toEqual([
      'Cleared the session, so the server told the browser to delete the cookie (Max-Age=0 / an Expires date in 1970).',
      shownEmpty,
    ]);
  });

  it('open with why a cookie did not count: bad signature, expired or unreadable payload', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    const forged = signSession({ firstName: 'Admin' }, { secretKey: 'not the key', timestamp: NOW });
    expect(await summaries(agent, '/sandbox/flask/', forged)).toEqual([
      `Bad signature: this key did not sign it, or the cookie was changed. So the app got an empty session. ${shownEmpty}`,
    ]);
    const old = signSession({ firstName: 'Phill' }, { secretKey: demoKey, timestamp: NOW - 32 * 86400 });
    expect(await summaries(agent, '/sandbox/flask/', old)).toEqual([
      `Signed with this key, but older than 31 days (or dated in the future): too old, so Flask treats the session as expired. So the app got an empty session. ${shownEmpty}`,
    ]);
    const notJson = signTimed(createSigner({ keys: [demoKey], salt: 'cookie-session' }), 'e25vdCBqc29u', NOW);
    expect(await summaries(agent, '/sandbox/flask/', notJson)).toEqual([
      expect.stringMatching(
        /^Signature is valid but the payload cannot be read.* Real Flask answers 500 here; the sandbox used an empty session\. /,
      ),
    ]);
  });

  it('say when the cookie verified only with a fallback key', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    await agent.post('/sandbox/flask/lab/key').type('form').send({ secretKey: 'new key', mode: 'rotate' });
    expect(await summaries(agent, '/sandbox/flask/')).toEqual([
      `The cookie verified with a fallback key, not the current one. ${shownName}`,
    ]);
    expect((await post(agent, '/sandbox/flask/store', { firstName: 'Ada' }))[0]).toBe(
      'The cookie verified with a fallback key, not the current one. Stored firstName in the session and sent the whole session back in a new signed cookie.',
    );
  });

  it("say how logging in, the members' page and logging out went", async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    const refused = await agent
      .post('/sandbox/flask/login')
      .type('form')
      .send({ username: 'grace', password: 'x' });
    expect(refused.status).toBe(401);
    expect((embeddedExchanges(refused.text) as unknown as Exchange[]).map((x) => x.summary)).toEqual([
      'Wrong username or password: the page answered 401 and nothing was stored in the session.',
    ]);
    const denied = await agent.get('/sandbox/flask/members');
    expect(denied.status).toBe(401);
    expect((embeddedExchanges(denied.text) as unknown as Exchange[]).map((x) => x.summary)).toEqual([
      "Refused the members' page (401): no user_id in the session.",
    ]);
    expect(await post(agent, '/sandbox/flask/login', { username: 'grace', password: 'hopper' })).toEqual([
      "Logged in: session.clear() first, so nothing from before carries over, then session['user_id'] was stored and sent back in a new cookie.",
      "Showed the members' page: session['user_id'] says who is logged in.",
    ]);
    expect((await post(agent, '/sandbox/flask/logout'))[0]).toBe(
      'Logged out with session.clear(): the server told the browser to delete the cookie (Max-Age=0 / an Expires date in 1970). A copy of the old cookie kept elsewhere is not revoked by this.',
    );
  });

  it('say what flash() stored and how showing the messages changed the cookie', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    expect(await post(agent, '/sandbox/flask/flash', { firstName: 'Ada' })).toEqual([
      `Stored firstName and flashed "Saved …": flash() appended ('message', …) to session['_flashes'] and sent the whole session back in a new signed cookie, where anyone can read it until a page shows it.`,
      "Showed the page: firstName is in the session, so the template's {% if %} printed it; get_flashed_messages() showed the flashed messages and removed _flashes from the session, so the cookie was sent again without them.",
    ]);
    const onlyFlashes = signSession(
      { _flashes: [['message', 'Hi']] },
      { secretKey: demoKey, timestamp: NOW },
    );
    const fresh = request.agent(sandboxApp({ now: () => NOW }));
    expect(await summaries(fresh, '/sandbox/flask/', onlyFlashes)).toEqual([
      "Showed the page: firstName is not in the session, so the template's {% if %} printed nothing; get_flashed_messages() showed the flashed messages and removed _flashes from the session, so the cookie was deleted (nothing else was in it).",
    ]);
  });

  it('say when the server-side store has no row for the id sent', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    const res = await agent.get('/sandbox/server-side/').set('Cookie', 'session=no-such-id');
    expect((embeddedExchanges(res.text) as unknown as Exchange[]).map((x) => x.summary)).toEqual([
      `${UNKNOWN_ID} ${shownEmpty}`,
    ]);
  });

  it('say that a payload inflating past the cap was not opened, where Flask would open it', async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    const big = signSession(
      { firstName: 'x'.repeat(2 * MAX_INFLATED_BYTES) },
      { secretKey: demoKey, timestamp: NOW },
    );
    expect(big.startsWith('.')).toBe(true); // compressed
    expect(await summaries(agent, '/sandbox/flask/', big)).toEqual([
      `The cookie's payload inflates past 64 KB, so Session Lab did not open it and the app got an empty session (real Flask would inflate it, whatever its size). ${shownEmpty}`,
    ]);
  });
});
