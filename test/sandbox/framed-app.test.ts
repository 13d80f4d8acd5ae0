/**
 * The app framed in a course page shows only the app; on its own it keeps its lab and last
 * exchange. Pasted cookies may be whole headers. The decode page links back only to this site.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { returnPath } from '../../sandbox/lab/api.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

describe('the app page, framed or on its own', () => {
  it('on its own shows its lab and last exchange (what a learner without JavaScript uses)', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/');
    expect(res.text).toContain('<h2>Lab</h2>');
    expect(res.text).toContain('<h2>Last exchange</h2>');
  });
  it.each([
    ['the browser says it is framed', { 'Sec-Fetch-Dest': 'iframe' }, '/sandbox/flask/'],
    ['the frame asks with ?embed=1', {}, '/sandbox/flask/?embed=1'],
  ])('shows only the app when %s, and still embeds its records', async (_, headers, path) => {
    const res = await request(sandboxApp()).get(path).set(headers);
    expect(res.text).not.toContain('<h2>Lab</h2>');
    expect(res.text).not.toContain('<h2>Last exchange</h2>');
    expect(res.text).toContain('<form method="post" action="/sandbox/flask/store">');
    expect(embeddedExchanges(res.text)).toHaveLength(1);
  });
  it('uses the same names for the experiments as the course page’s lab', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/');
    for (const name of [
      'Send the edited cookie',
      'Use this key',
      'Re-sign my cookie with the current key',
      'Back to the demo key',
      'Sign it and send it',
      'Use a weak key and sign my session with it',
      'Guess the key from my cookie',
      'Store a value that is too big',
    ])
      expect(res.text).toContain(`>${name}</button>`);
  });
});

describe('a pasted cookie', () => {
  it('may be a whole Set-Cookie header: the lab takes its value out', async () => {
    const agent = request.agent(sandboxApp());
    const res = await agent
      .post('/sandbox/flask/lab/tamper')
      .type('form')
      .send({ cookie: 'Set-Cookie: session=eyJ4IjoxfQ.ZVPxAA.AAAA; HttpOnly; Path=/' });
    expect(res.status, res.text).toBe(302);
    expect(res.headers['set-cookie']).toEqual([
      'session=eyJ4IjoxfQ.ZVPxAA.AAAA; HttpOnly; Path=/sandbox/flask',
    ]);
  });
  it('decodes from a pasted `session=…; HttpOnly; Path=/` header', async () => {
    const res = await request(sandboxApp())
      .post('/sandbox/api/decode')
      .set('Accept', 'application/json')
      .type('form')
      .send({
        cookie: 'session=eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY; HttpOnly; Path=/',
      });
    expect(res.status).toBe(200);
    expect(res.body.decoding.value).toEqual({ firstName: 'Phill' });
  });
});

describe('the decode page without JavaScript', () => {
  it('links back to the step the learner came from', async () => {
    const res = await request(sandboxApp()).post('/sandbox/api/decode').type('form').send({
      cookie: 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY',
      return: '/learn/the-secret-key/',
    });
    expect(res.text).toContain('<a href="/learn/the-secret-key/">Back to the step you came from</a>');
    expect(res.text).toContain('<input type="hidden" name="return" value="/learn/the-secret-key/">');
  });
  it.each([
    '//evil.example/',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '/learn/"x"',
    '',
  ])('never links off the site: %j falls back to the sandbox app', (value) => {
    expect(returnPath(value)).toBe('/sandbox/flask/');
  });
  it('keeps same-site paths', () => {
    expect(returnPath('/learn/the-secret-key/')).toBe('/learn/the-secret-key/');
    expect(returnPath('/sandbox/')).toBe('/sandbox/');
  });
});
