import { describe, expect, it } from 'vitest';
import { appPath, formRequest, redirectRequest } from '../../src/lib/code-tasks/frame-request.ts';

describe('appPath', () => {
  it('reads paths against the page, with their query', () => {
    expect(appPath('/store')).toEqual({ path: '/store', query: '' });
    expect(appPath('members?x=1', '/a/b')).toEqual({ path: '/a/members', query: 'x=1' });
    expect(appPath('http://localhost/clear')).toEqual({ path: '/clear', query: '' });
  });

  it('refuses another host or scheme', () => {
    expect(appPath('https://example.org/')).toBeUndefined();
    expect(appPath('//evil.test/x')).toBeUndefined();
    expect(appPath('javascript:alert(1)')).toBeUndefined();
  });
});

describe('formRequest', () => {
  it('sends POST fields urlencoded in the body', () => {
    expect(formRequest('post', '/store', [['firstName', 'Ada & Co']])).toEqual({
      method: 'POST',
      path: '/store',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'firstName=Ada+%26+Co',
    });
  });

  it('sends GET fields in the query, and an empty action to the page itself', () => {
    expect(formRequest('get', '', [['q', 'x']], '/members')).toEqual({
      method: 'GET',
      path: '/members',
      query: 'q=x',
      headers: [],
    });
  });
});

describe('redirectRequest', () => {
  it("follows Flask's Location as a GET", () => {
    expect(redirectRequest('/', '/store')).toEqual({ method: 'GET', path: '/', headers: [] });
    expect(redirectRequest('https://example.org/', '/store')).toBeUndefined();
  });
});
