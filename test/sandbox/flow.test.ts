/**
 * The handout's flow over real HTTP for both engines — GET → store → GET → store-second →
 * permanent → GET → clear → GET — with the exact headers each response sends.
 */
import Keygrip from 'keygrip';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { formatHttpDate, loadSession } from '../../sandbox/flask-session/index.ts';
import { sandboxApp, setCookiesOf } from './app.ts';

const demoKey = 'w98fw9ef8hwe98fhwef';
const NOW = Math.floor(Date.now() / 1000);
const expires = formatHttpDate(NOW + 31 * 24 * 3600);

/** The session cookie's value in a Set-Cookie list. */
function sessionValue(setCookies: string[]): string {
  const header = setCookies.find((h) => h.startsWith('session='));
  if (header === undefined) throw new Error('no session cookie set');
  return header.slice('session='.length).split(';')[0] as string;
}

describe('Flask engine', () => {
  it("signs the handout's session exactly as Flask does (known answer)", async () => {
    const app = sandboxApp({ now: () => 1700000000 });
    const res = await request(app).post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    expect(res.status).toBe(302);
    expect(res.headers['set-cookie']).toEqual([
      'session=eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY; HttpOnly; Path=/sandbox/flask',
    ]);
    expect(res.headers.vary).toBe('Cookie');
  });

  it("runs the whole flow with Flask's headers", async () => {
    const agent = request.agent(sandboxApp({ now: () => NOW }));
    const load = (value: string) => loadSession(value, { secretKey: demoKey });

    let res = await agent.get('/sandbox/flask/');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBe('Cookie'); // Flask 3.1: 'firstName' in session is an access
    expect(res.text).toContain('<label for="firstName">First name</label>');

    res = await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/sandbox\/flask\/\?trace=[\w-]+$/);
    expect(res.headers['set-cookie']).toHaveLength(1);
    expect(res.headers['set-cookie'][0]).toMatch(
      /^session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/sandbox\/flask$/,
    );
    expect(load(sessionValue(setCookiesOf(res)))).toEqual({ firstName: 'Phill' });
    expect(res.headers.vary).toBe('Cookie');

    res = await agent.get('/sandbox/flask/');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBe('Cookie'); // the template read session['firstName']
    expect(res.text).toContain('First Name: Phill<br>');

    res = await agent.post('/sandbox/flask/store-second').type('form').send({ favouriteColour: 'teal' });
    expect(load(sessionValue(setCookiesOf(res)))).toEqual({
      firstName: 'Phill',
      favouriteColour: 'teal',
    });

    res = await agent.post('/sandbox/flask/permanent').type('form');
    expect(res.headers['set-cookie'][0]).toMatch(
      new RegExp(`^session=[\\w.-]+; Expires=${expires}; HttpOnly; Path=/sandbox/flask$`),
    );
    expect(load(sessionValue(setCookiesOf(res)))).toEqual({
      _permanent: true,
      firstName: 'Phill',
      favouriteColour: 'teal',
    });

    res = await agent.get('/sandbox/flask/');
    // Flask re-sends a permanent session on every response (SESSION_REFRESH_EACH_REQUEST).
    expect(res.headers['set-cookie'][0]).toContain(`; Expires=${expires}; HttpOnly; Path=/sandbox/flask`);
    expect(res.headers.vary).toBe('Cookie');

    res = await agent.post('/sandbox/flask/clear').type('form');
    expect(res.headers['set-cookie']).toEqual([
      'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
    ]);
    expect(res.headers.vary).toBe('Cookie');

    res = await agent.get('/sandbox/flask/');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBe('Cookie');
    expect(res.text).not.toContain('First Name:');
  });

  it('answers a redirect like Flask: 302, no Vary: Accept, an HTML body', async () => {
    const res = await request(sandboxApp()).post('/sandbox/flask/clear').type('form');
    expect(res.status).toBe(302);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('Redirecting...');
  });
});

describe('Express engine (cookie-session)', () => {
  const keys = new Keygrip([demoKey]);
  const pair = (json: string, attributes: string) => {
    const value = Buffer.from(json).toString('base64');
    return [
      `session=${value}; path=/sandbox/express${attributes}; httponly`,
      `session.sig=${keys.sign(`session=${value}`)}; path=/sandbox/express${attributes}; httponly`,
    ];
  };

  it("runs the whole flow with cookie-session's two cookies", async () => {
    const agent = request.agent(sandboxApp());

    let res = await agent.get('/sandbox/express/');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();

    res = await agent.post('/sandbox/express/store').type('form').send({ firstName: 'Phill' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/sandbox\/express\/\?trace=/);
    expect(res.headers['set-cookie']).toEqual(pair('{"firstName":"Phill"}', ''));

    res = await agent.get('/sandbox/express/');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('First Name: Phill<br>');

    res = await agent.post('/sandbox/express/store-second').type('form').send({ favouriteColour: 'teal' });
    expect(res.headers['set-cookie']).toEqual(pair('{"firstName":"Phill","favouriteColour":"teal"}', ''));

    res = await agent.post('/sandbox/express/permanent').type('form');
    const [cookie] = setCookiesOf(res);
    const date = /expires=([^;]+)/.exec(cookie as string)?.[1] as string;
    expect(Math.abs(Date.parse(date) - (Date.now() + 31 * 24 * 3600 * 1000))).toBeLessThan(5000);
    expect(res.headers['set-cookie']).toEqual(
      pair('{"firstName":"Phill","favouriteColour":"teal","_permanent":true}', `; expires=${date}`),
    );

    res = await agent.post('/sandbox/express/clear').type('form');
    expect(res.headers['set-cookie']).toEqual([
      'session=; path=/sandbox/express; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly',
      `session.sig=${keys.sign('session=')}; path=/sandbox/express; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly`,
    ]);

    res = await agent.get('/sandbox/express/');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).not.toContain('First Name:');
  });
});
