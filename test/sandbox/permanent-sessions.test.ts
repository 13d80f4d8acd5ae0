/**
 * A permanent session stays permanent: after POST /permanent, every later cookie either engine sends
 * carries an Expires date 31 days ahead (Flask keeps the flag in the session as `_permanent`, and the
 * Express engine does the same), until the session is cleared.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sandboxApp, setCookiesOf } from './app.ts';

const DAY = 24 * 3600 * 1000;

/** The Expires date of the response's `session=` cookie, in ms, or undefined when it has none. */
function expiresOf(res: { headers: Record<string, unknown> }): number | undefined {
  const header = setCookiesOf(res).find((h) => h.startsWith('session='));
  expect(header, 'a session cookie was sent').toBeDefined();
  const date = /expires=([^;]+)/i.exec(header as string)?.[1];
  return date === undefined ? undefined : Date.parse(date);
}

describe.each(['flask', 'express'])('a permanent %s session', (engine) => {
  it('keeps its 31-day Expires when changed later, and loses it when cleared', async () => {
    const agent = request.agent(sandboxApp());
    const base = `/sandbox/${engine}`;
    expect(
      expiresOf(await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' })),
    ).toBeUndefined();
    const permanent = expiresOf(await agent.post(`${base}/permanent`).type('form'));
    const later = expiresOf(await agent.post(`${base}/store`).type('form').send({ firstName: 'Grace' }));
    for (const expires of [permanent, later]) {
      expect(expires).toBeGreaterThan(Date.now() + 30 * DAY);
      expect(expires).toBeLessThanOrEqual(Date.now() + 31 * DAY + 1000);
    }
    const page = await agent.get(`${base}/`);
    expect(page.text).toContain('First Name: Grace<br>');
    const cleared = await agent.post(`${base}/clear`).type('form');
    expect(expiresOf(cleared)).toBe(Date.parse('Thu, 01 Jan 1970 00:00:00 GMT'));
    expect(
      expiresOf(await agent.post(`${base}/store`).type('form').send({ firstName: 'Ada' })),
    ).toBeUndefined();
  });
});
