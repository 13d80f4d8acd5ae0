/**
 * What a click in the framed app asks of the learner's app, as a WsgiRequest: a form's method,
 * action and fields, a link's path, a redirect's Location. Pure, so the page and the tests agree.
 * Addresses are the app's own paths ('/store'); anything leaving the app (another host) is refused.
 */
import type { WsgiRequest } from '../pyflask/types.ts';

/** The app's pretend origin: its pages and Location headers are read against it. */
export const appOrigin = 'http://localhost';

/**
 * The path and query of `href` inside the app, read against `from` (the page's path); undefined for
 * another host or scheme, which the framed app does not follow.
 * @example appPath('store', '/members') // { path: '/store', query: '' }
 */
export function appPath(href: string, from = '/'): { path: string; query: string } | undefined {
  let url: URL;
  try {
    url = new URL(href, new URL(from, appOrigin));
  } catch {
    return undefined;
  }
  if (url.origin !== appOrigin) return undefined;
  return { path: url.pathname, query: url.search.replace(/^\?/, '') };
}

/**
 * The request a form sends: GET puts the fields in the query, POST in an urlencoded body.
 * @example formRequest('post', '/store', [['firstName', 'Ada']], '/')?.body // 'firstName=Ada'
 */
export function formRequest(
  method: string,
  action: string,
  fields: readonly [string, string][],
  from = '/',
): WsgiRequest | undefined {
  const target = appPath(action || from, from);
  if (!target) return undefined;
  const encoded = new URLSearchParams([...fields]).toString();
  if (method.toUpperCase() === 'POST')
    return {
      method: 'POST',
      path: target.path,
      ...(target.query ? { query: target.query } : {}),
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: encoded,
    };
  return { method: 'GET', path: target.path, ...(encoded ? { query: encoded } : {}), headers: [] };
}

/** Where a redirect sends the browser: a GET of its Location, or undefined when it leaves the app. */
export function redirectRequest(location: string, from: string): WsgiRequest | undefined {
  const target = appPath(location, from);
  if (!target) return undefined;
  return { method: 'GET', path: target.path, ...(target.query ? { query: target.query } : {}), headers: [] };
}
