/**
 * The challenges over real HTTP, solved by the real exploit steps and judged by the server: forging
 * an admin cookie with the public demo key; guessing a weak hidden key with the guess tool, then
 * forging with it; replaying the admin's captured cookie after the admin logged out (accepted by
 * the Flask engine) and seeing the server-side engine refuse the same replay. Logging in as admin
 * with the password never counts; Reset clears the progress.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sandboxApp } from '../sandbox/app.ts';

type Agent = ReturnType<typeof request.agent>;
const adminPassword = 'instructor-admin-pw';
const app = () => sandboxApp({ config: { sandboxAdminPassword: adminPassword } });

async function progress(agent: Agent): Promise<string> {
  const page = await agent.get('/sandbox/challenges/');
  expect(page.status).toBe(200);
  return /(\d) of 3 solved/.exec(page.text)?.[1] ?? 'missing';
}

async function forge(agent: Agent, secretKey: string) {
  const res = await agent
    .post('/sandbox/flask/lab/forge')
    .type('form')
    .send({ json: '{"user_id": "admin"}', secretKey });
  expect(res.status).toBe(302);
  return agent.get(res.headers.location);
}

describe('challenges', () => {
  it('1: a cookie forged with the public demo key is solved; the members page says admin', async () => {
    const agent = request.agent(app());
    expect(await progress(agent)).toBe('0');
    const page = await forge(agent, 'w98fw9ef8hwe98fhwef');
    expect(page.text).toContain('Logged in as <strong>admin</strong>');
    expect(page.text).toContain('Solved: Forge an admin session with the public key.');
    expect(await progress(agent)).toBe('1');
    const members = await agent.get('/sandbox/flask/members');
    expect(members.status).toBe(200);
    expect(members.text).toContain('Logged in as <strong>admin</strong>');
  });

  it('logging in as admin honestly never counts, also after storing more in that session', async () => {
    const agent = request.agent(app());
    const login = await agent
      .post('/sandbox/flask/login')
      .type('form')
      .send({ username: 'admin', password: adminPassword });
    expect(login.status).toBe(302);
    const members = await agent.get(login.headers.location);
    expect(members.text).toContain('Logged in as <strong>admin</strong>');
    expect(members.text).not.toContain('Solved');
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Admin' });
    await agent.post('/sandbox/flask/permanent');
    const page = await agent.get('/sandbox/flask/');
    expect(page.text).toContain('Logged in as <strong>admin</strong>');
    expect(page.text).not.toContain('Solved');
    expect(await progress(agent)).toBe('0');
  });

  it('2: a weak hidden key found with the guess tool, then a forged admin cookie, is solved', async () => {
    const agent = request.agent(app());
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Ada' });
    await agent.post('/sandbox/flask/lab/weak-key');
    // Forging "with the key in force" is refused: the hidden key must be found.
    const lazy = await agent
      .post('/sandbox/flask/lab/forge')
      .type('form')
      .send({ json: '{"user_id": "admin"}' });
    expect(lazy.status).toBe(400);
    // The demo key no longer verifies: not solved.
    const wrong = await forge(agent, 'w98fw9ef8hwe98fhwef');
    expect(wrong.text).not.toContain('Solved');
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Ada' });
    const guess = await agent.post('/sandbox/flask/lab/guess').set('Accept', 'application/json');
    expect(guess.status).toBe(200);
    const key = guess.body.key as string;
    expect(typeof key).toBe('string');
    const page = await forge(agent, key);
    expect(page.text).toContain('Solved: Guess a weak key, then forge.');
    expect(await progress(agent)).toBe('1');
  }, 30_000);

  it('3: replaying the captured admin cookie after logout works on Flask, and the server-side engine refuses it', async () => {
    const agent = request.agent(app());
    await agent.post('/sandbox/challenges/capture').type('form').send({ engine: 'flask' });
    const page = await agent.get('/sandbox/challenges/');
    const captured = /name="cookie" value="([^"]+)"><button type="submit">Replay it on the Flask engine/.exec(
      page.text,
    )?.[1];
    expect(captured).toBeDefined();
    const replay = await agent.post('/sandbox/flask/lab/replay').type('form').send({ cookie: captured });
    const accepted = await agent.get(replay.headers.location);
    expect(accepted.text).toContain('Logged in as <strong>admin</strong>');
    expect(accepted.text).not.toContain('Solved');
    expect(await progress(agent)).toBe('0');

    await agent.post('/sandbox/challenges/capture').type('form').send({ engine: 'server-side' });
    const again = await agent.get('/sandbox/challenges/');
    const id = /name="cookie" value="([^"]+)"><button type="submit">Replay it on the server-side engine/.exec(
      again.text,
    )?.[1];
    expect(id).toMatch(/^[\w-]{43}$/);
    const sent = await agent.post('/sandbox/server-side/lab/replay').type('form').send({ cookie: id });
    const refused = await agent.get(sent.headers.location);
    expect(refused.text).not.toContain('Logged in as');
    expect(refused.text).toContain('Replay refused.');
    expect(refused.text).toContain('Solved: Replay the admin’s cookie after logout.');
    expect(await progress(agent)).toBe('1');
  });

  it('Reset clears the progress; a forged progress cookie counts for nothing', async () => {
    const agent = request.agent(app());
    await forge(agent, 'w98fw9ef8hwe98fhwef');
    expect(await progress(agent)).toBe('1');
    const reset = await agent.post('/sandbox/challenges/reset');
    expect(reset.status).toBe(302);
    expect(await progress(agent)).toBe('0');
    const fake = await request(app())
      .get('/sandbox/challenges/')
      .set('Cookie', 'sandbox_challenges=eyJzb2x2ZWQiOlsiZm9yZ2UiXX0');
    expect(fake.text).toContain('0 of 3 solved');
  });

  it('an honest admin login on the server-side engine is no challenge either', async () => {
    const agent = request.agent(app());
    const login = await agent
      .post('/sandbox/server-side/login')
      .type('form')
      .send({ username: 'admin', password: adminPassword });
    const members = await agent.get(login.headers.location);
    expect(members.text).toContain('Logged in as <strong>admin</strong>');
    expect(members.text).not.toContain('Solved');
    expect(await progress(agent)).toBe('0');
  });
});
