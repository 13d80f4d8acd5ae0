/**
 * Flask sessions the app never writes, signed with the public demo key, over real HTTP: flashed
 * messages kept as plain lists or not as a list at all. Each gets a page, as Flask's own code would.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { flaskCookie } from '../security/hostile-cookies.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

const recordsOf = (html: string) => embeddedExchanges(html) as unknown as Exchange[];
const page = (cookie: string) =>
  request(sandboxApp()).get('/sandbox/flask/').set('Cookie', `session=${cookie}`);

describe('forged Flask sessions', () => {
  it('a page with no cookie sets none', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('flashes kept as a plain [category, message] list are shown, the message only', async () => {
    const res = await page(flaskCookie('{"_flashes":[["message","Hello from a list"]]}'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ul class="flashes" aria-live="polite"><li>Hello from a list</li></ul>');
    const [record] = recordsOf(res.text);
    expect(record?.session.after).toEqual({});
  });

  it('_flashes that is not a list shows no message, and is still popped', async () => {
    const res = await page(flaskCookie('{"_flashes":"not a list","firstName":"Ada"}'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('First Name: Ada');
    expect(res.text).not.toContain('Flashed messages');
    const [record] = recordsOf(res.text);
    expect(record?.session.after).toEqual({ firstName: 'Ada' });
  });
});
