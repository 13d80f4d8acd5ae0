/**
 * A step's app shows the controls it uses (`?controls=` in the frame's address) and folds the rest
 * under "More actions"; only known names are read, and the choice survives the form's redirect.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  appControls,
  controlsQuery,
  parseControls,
  splitControls,
} from '../../sandbox/contract/app-controls.ts';
import { sandboxApp } from './app.ts';

describe('parseControls', () => {
  it('keeps known names in their order, once each', () => {
    expect(parseControls('clear,store,clear')).toEqual(['clear', 'store']);
  });
  it('drops unknown names and gives undefined when none is known', () => {
    expect(parseControls('store,<script>')).toEqual(['store']);
    expect(parseControls('"><b>x</b>')).toBeUndefined();
    expect(parseControls('')).toBeUndefined();
  });
  it('reads only a string no longer than every name once', () => {
    expect(parseControls(['store'])).toBeUndefined();
    expect(parseControls(`${appControls.join(',')},store`)).toBeUndefined();
    expect(parseControls(appControls.join(','))).toEqual([...appControls]);
  });
});

describe('controlsQuery and splitControls', () => {
  it('write the query from known names, or nothing for every control', () => {
    expect(controlsQuery(['store', 'clear'])).toBe('?controls=store,clear');
    expect(controlsQuery(undefined)).toBe('');
  });
  it('show every control when none is asked for', () => {
    expect(splitControls(undefined)).toEqual({ shown: [...appControls], more: [] });
  });
  it('show the asked ones first and put the rest under More actions, in the app’s order', () => {
    expect(splitControls(['clear', 'store'])).toEqual({
      shown: ['clear', 'store'],
      more: ['flash', 'permanent', 'store-second', 'login'],
    });
  });
});

/** The page's HTML before and after its "More actions" fold. */
function parts(html: string): { shown: string; more: string } {
  const at = html.indexOf('<details class="more-actions">');
  return at === -1 ? { shown: html, more: '' } : { shown: html.slice(0, at), more: html.slice(at) };
}

describe('the framed app page', () => {
  it('shows the step’s controls and folds the others under More actions', async () => {
    const res = await request(sandboxApp()).get('/sandbox/flask/?embed=1&controls=store,clear');
    const { shown, more } = parts(res.text);
    expect(shown).toContain('action="/sandbox/flask/store?controls=store,clear"');
    expect(shown).toContain('action="/sandbox/flask/clear?controls=store,clear"');
    expect(shown).not.toContain('/flash');
    expect(more).toContain('<summary>More actions</summary>');
    for (const path of ['flash', 'permanent', 'store-second', 'login'])
      expect(more).toContain(`action="/sandbox/flask/${path}?controls=store,clear"`);
  });
  it('keeps the choice across the redirect after an action, and on the members’ page', async () => {
    const agent = request.agent(sandboxApp());
    const stored = await agent
      .post('/sandbox/flask/store?controls=store')
      .set('Sec-Fetch-Dest', 'iframe')
      .type('form')
      .send({ firstName: 'Ada' });
    expect(stored.status).toBe(302);
    expect(stored.headers.location).toMatch(/^\/sandbox\/flask\/\?controls=store&trace=/);
    const login = await agent
      .post('/sandbox/flask/login?controls=login')
      .set('Sec-Fetch-Dest', 'iframe')
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    expect(login.headers.location).toMatch(/^\/sandbox\/flask\/members\?controls=login&trace=/);
    const members = await agent.get('/sandbox/flask/members?controls=login').set('Sec-Fetch-Dest', 'iframe');
    expect(members.text).toContain('href="/sandbox/flask/?controls=login"');
  });
  it('never writes what the address says, only known names', async () => {
    const res = await request(sandboxApp()).get(
      `/sandbox/flask/?embed=1&controls=${encodeURIComponent('store,"><script>alert(1)</script>')}`,
    );
    expect(res.text).not.toContain('alert(1)');
    expect(res.text).toContain('action="/sandbox/flask/store?controls=store"');
  });
  it('shows every control, unfolded, when the address names none or the page is not framed', async () => {
    for (const path of ['/sandbox/flask/?embed=1', '/sandbox/flask/?controls=store']) {
      const res = await request(sandboxApp()).get(path);
      expect(res.text, path).not.toContain('More actions');
      expect(res.text, path).toContain('action="/sandbox/flask/flash"');
    }
  });
});
