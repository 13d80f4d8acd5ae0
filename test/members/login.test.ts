/**
 * The members' app over real HTTP, in the signed-cookie engines: a wrong password answers 401 with a
 * clear message and stores nothing; a right one clears the session, stores `user_id` and redirects to
 * the members' page, which says who is logged in; logging out deletes the cookie and the members'
 * page then answers 401. The admin's password is never on a page.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { embeddedExchanges, sandboxApp, setCookiesOf } from '../sandbox/app.ts';

for (const engine of ['flask', 'express'] as const) {
  describe(`logging in and out (${engine} engine)`, () => {
    it('a wrong password: 401, a clear message, nothing stored', async () => {
      const agent = request.agent(sandboxApp());
      await agent.post(`/sandbox/${engine}/store`).type('form').send({ firstName: 'Phill' });
      const res = await agent
        .post(`/sandbox/${engine}/login`)
        .type('form')
        .send({ username: 'ada', password: 'wrong' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Wrong username or password. Nothing was stored in the session.');
      expect(setCookiesOf(res)).toEqual([]);
      const [record] = embeddedExchanges(res.text) as unknown as Exchange[];
      expect(record).toMatchObject({ action: 'login-failed', status: 401 });
      expect(record?.session.after).toEqual({ firstName: 'Phill' });
      const page = await agent.get(`/sandbox/${engine}/`);
      expect(page.text).not.toContain('Logged in as');
    });

    it('an unknown username gets the same answer as a wrong password', async () => {
      const res = await request(sandboxApp())
        .post(`/sandbox/${engine}/login`)
        .type('form')
        .send({ username: 'mallory', password: 'hopper' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Wrong username or password. Nothing was stored in the session.');
      expect(setCookiesOf(res)).toEqual([]);
    });

    it('logs in (clearing what was there), shows the members page, logs out', async () => {
      const agent = request.agent(sandboxApp());
      await agent.post(`/sandbox/${engine}/store`).type('form').send({ firstName: 'Planted' });
      const login = await agent
        .post(`/sandbox/${engine}/login`)
        .type('form')
        .send({ username: 'grace', password: 'hopper' });
      expect(login.status).toBe(302);
      expect(login.headers.location).toMatch(new RegExp(`^/sandbox/${engine}/members\\?trace=`));
      const members = await agent.get(login.headers.location);
      expect(members.status).toBe(200);
      expect(members.text).toContain('Logged in as <strong>grace</strong>');
      const [post] = embeddedExchanges(members.text) as unknown as Exchange[];
      expect(post).toMatchObject({ action: 'login', method: 'POST' });
      expect(post?.session.after).toEqual({ user_id: 'grace' });

      const home = await agent.get(`/sandbox/${engine}/`);
      expect(home.text).toContain('Logged in as <strong>grace</strong>');
      expect(home.text).not.toContain('Planted');

      const logout = await agent.post(`/sandbox/${engine}/logout`);
      expect(logout.status).toBe(302);
      expect(setCookiesOf(logout).join('\n')).toMatch(/^session=;/m);
      const after = await agent.get(`/sandbox/${engine}/members`);
      expect(after.status).toBe(401);
      expect(after.text).toContain('log in first');
    });

    it('the admin password is never shown, and a guess is refused', async () => {
      const agent = request.agent(sandboxApp());
      const page = await agent.get(`/sandbox/${engine}/`);
      expect(page.text).toContain('<code>ada</code> / <code>lovelace</code>');
      expect(page.text).toContain('<code>admin</code> too, whose password is not shown');
      const res = await agent
        .post(`/sandbox/${engine}/login`)
        .type('form')
        .send({ username: 'admin', password: 'admin' });
      expect(res.status).toBe(401);
    });

    it('a missing field is a 400 page, as request.form[...] is in Flask', async () => {
      const res = await request(sandboxApp())
        .post(`/sandbox/${engine}/login`)
        .type('form')
        .send({ username: 'ada' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('no &quot;password&quot; field');
    });
  });
}

describe('the admin password', () => {
  it('is the instructor’s SANDBOX_ADMIN_PASSWORD when set', async () => {
    const app = sandboxApp({ config: { sandboxAdminPassword: 'class-admin-pw' } });
    const res = await request(app)
      .post('/sandbox/flask/login')
      .type('form')
      .send({ username: 'admin', password: 'class-admin-pw' });
    expect(res.status).toBe(302);
    expect(res.text).not.toContain('class-admin-pw');
  });
});
