/**
 * A tiny browser for the checks: sends forms and GETs to the learner's app through `send`, keeping
 * the one `session` cookie as a browser would (set, replaced, deleted), with the project's one
 * Set-Cookie model. Redirects are not followed: the checks look at each answer.
 */
import { deletesCookie, lastSetCookie, type SetCookie } from '../../../sandbox/contract/set-cookie.ts';
import type { WsgiResponse } from '../pyflask/types.ts';
import { readFlaskCookie } from './flask-cookie.ts';
import type { Send } from './types.ts';

export class TaskClient {
  /** The session cookie's value, if the app has set one. */
  cookie: string | undefined;
  /** The last `Set-Cookie` for `session` the app sent, parsed. */
  lastSetCookie: SetCookie | undefined;

  private readonly send: Send;

  constructor(send: Send, cookie?: string) {
    this.send = send;
    this.cookie = cookie;
  }

  get(path: string): Promise<WsgiResponse> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string> = {}): Promise<WsgiResponse> {
    return this.request('POST', path, new URLSearchParams(form).toString());
  }

  /** The session the cookie holds now ({} without one), read without checking its signature. */
  session(): Record<string, unknown> {
    return this.cookie ? (readFlaskCookie(this.cookie)?.data ?? {}) : {};
  }

  private async request(method: string, path: string, body?: string): Promise<WsgiResponse> {
    const headers: [string, string][] = [];
    if (this.cookie !== undefined) headers.push(['Cookie', `session=${this.cookie}`]);
    if (body !== undefined) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    const response = await this.send({ method, path, headers, ...(body !== undefined ? { body } : {}) });
    this.apply(response);
    return response;
  }

  /** Applies the answer's `Set-Cookie` for `session`, as a browser would. */
  apply(response: WsgiResponse): void {
    const setCookies = response.headers
      .filter(([name]) => name.toLowerCase() === 'set-cookie')
      .map(([, v]) => v);
    const set = lastSetCookie(setCookies, 'session');
    if (set) {
      this.lastSetCookie = set;
      this.cookie = deletesCookie(set) ? undefined : set.value;
    }
  }
}

/** "POST /store answered 500", for a step that did not answer as it should. */
export function answered(method: string, path: string, response: WsgiResponse): string {
  const why = response.error?.message ? ` (${response.error.message})` : '';
  return `${method} ${path} answered ${response.status}${why}`;
}

/** Whether the answer is a redirect (what the handout's routes send after a form). */
export function isRedirect(response: WsgiResponse): boolean {
  return response.status >= 300 && response.status < 400;
}

/** Text as Jinja prints it with autoescape (markupsafe): how a message appears in the page's HTML. */
export function jinjaEscaped(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}
