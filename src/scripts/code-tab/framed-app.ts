/**
 * The learner's app in a frame: its HTML goes into an iframe's srcdoc with `sandbox="allow-same-origin"`
 * and no allow-scripts, so nothing in it can run (the page's CSP applies to it too). Same origin
 * lets this page listen to the frame's clicks: a click on a link or a submit button (Enter in a field
 * clicks the default button too) becomes a WsgiRequest to the learner's app, never a navigation.
 * Cookies are kept in a jar as a browser keeps them, and each exchange goes to the sandbox's
 * timeline, so the change strip and the inspector show it, labelled with the engine that ran it.
 */
import type { DisplaySession } from '../../../sandbox/contract/display-json.ts';
import { appOrigin, formRequest, redirectRequest } from '../../lib/code-tasks/frame-request.ts';
import { CookieJar } from '../../lib/pyflask/cookie-jar.ts';
import { exchangeOf } from '../../lib/pyflask/exchange-of.ts';
import type { WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';
import { noteFailedRequest } from '../sandbox/code-run-state.ts';
import { showExchange } from '../sandbox/show-exchange.ts';

/** Fired on `window` for each exchange with the learner's app: the hook the change strip and inspector listen to. */
export const browserExchangeEvent = 'session-lab:browser-exchange';

const maxRedirects = 5;

/** The session as the bridge sent it (JSON from Python), in the display JSON the strip reads. */
const displayed = (session: Record<string, unknown>): DisplaySession =>
  JSON.parse(JSON.stringify(session)) as DisplaySession;

export class FramedApp {
  private readonly frame: HTMLIFrameElement;
  private readonly send: (request: WsgiRequest) => Promise<WsgiResponse>;
  private readonly onAnswer: (response: WsgiResponse) => void;
  private readonly jar = new CookieJar();
  private path = '/';

  constructor(
    frame: HTMLIFrameElement,
    send: (request: WsgiRequest) => Promise<WsgiResponse>,
    onAnswer: (response: WsgiResponse) => void,
  ) {
    this.frame = frame;
    this.send = send;
    this.onAnswer = onAnswer;
    frame.addEventListener('load', () => this.listen());
  }

  /** Sends a request with the jar's cookie, follows redirects, and shows the last answer. */
  async open(request: WsgiRequest): Promise<void> {
    let next: WsgiRequest | undefined = request;
    let response: WsgiResponse | undefined;
    for (let hop = 0; next && hop <= maxRedirects; hop++) {
      response = await this.exchange(next);
      this.path = next.path;
      const location = response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
      next =
        response.status >= 300 && response.status < 400 && location
          ? redirectRequest(location, next.path)
          : undefined;
    }
    if (response) this.show(response);
  }

  /** Shows an answer in the frame (the app's page, or the 500 page with its traceback). */
  show(response: WsgiResponse): void {
    this.frame.srcdoc = response.body;
    this.onAnswer(response);
  }

  /** Forgets the app's cookies (a new key, a fresh start): the jar starts empty. */
  clearCookies(): void {
    this.jar.clear();
  }

  private async exchange(request: WsgiRequest): Promise<WsgiResponse> {
    const url = `${appOrigin}${request.path}`;
    const headers: [string, string][] = [...request.headers];
    const cookieSent = this.jar.cookieHeader(url);
    if (cookieSent) headers.push(['Cookie', cookieSent]);
    const sent = { ...request, headers };
    const response = await this.send(sent);
    const setCookies = response.headers
      .filter(([name]) => name.toLowerCase() === 'set-cookie')
      .map(([, value]) => value);
    const jarOutcomes = this.jar.receive(url, setCookies);
    // Flask's own judgement of the cookie, from the bridge: the page cannot check a signature.
    const watched = response.session;
    const exchange = exchangeOf({
      request: sent,
      response,
      cookieSent,
      jarOutcomes,
      ...(watched
        ? {
            opened: {
              status: watched.status,
              before: displayed(watched.before),
              ...(watched.keyIndex === undefined ? {} : { keyIndex: watched.keyIndex }),
            },
          }
        : {}),
    });
    if (response.error) noteFailedRequest(exchange.id, response.error);
    showExchange(exchange);
    window.dispatchEvent(
      new CustomEvent(browserExchangeEvent, { detail: { request: sent, response, exchange } }),
    );
    return response;
  }

  private listen(): void {
    const doc = this.frame.contentDocument;
    if (!doc) return;
    // The frame's nodes belong to its own window: `instanceof Element` of this page is false for them.
    const frameWindow = doc.defaultView;
    doc.addEventListener('click', (event) => {
      const target = frameWindow && event.target instanceof frameWindow.Element ? event.target : null;
      const link = target?.closest('a[href]');
      const button = target?.closest('button, input[type=submit]');
      if (link) {
        event.preventDefault();
        const request = redirectRequest(link.getAttribute('href') ?? '', this.path);
        if (request) void this.open(request);
        return;
      }
      const form = button?.closest('form');
      if (!form || (button as HTMLButtonElement).type === 'button') return;
      event.preventDefault();
      const fields = [...new FormData(form, button as HTMLButtonElement)].map(
        ([name, value]) => [name, String(value)] as [string, string],
      );
      const request = formRequest(
        form.getAttribute('method') ?? 'get',
        form.getAttribute('action') ?? '',
        fields,
        this.path,
      );
      if (request) void this.open(request);
    });
  }
}
