import { engineNames } from '../../lib/engine-names.ts';
import {
  cookieValue,
  droppedCookieNote,
  exchangeDeletionNote,
  labCookieNote,
  parseSetCookie,
} from '../../lib/inspector/cookies.ts';
import { diagramModel } from '../../lib/inspector/diagram.ts';
import { diffSessions } from '../../lib/inspector/diff.ts';
import { codeRanText, decodeExpressSession, incomingText } from '../../lib/inspector/format.ts';
import type { CookieAnatomyView, Exchange } from '../../lib/inspector/types.ts';
import { withBase } from '../../lib/site.ts';
import { type Child, h, json, svg } from './dom.ts';
import { renderAnatomy } from './render-anatomy.ts';

/** The server may add the template's output (`templateHtml`) to GET pages; optional either way. */
type ExchangeView = Exchange & { templateHtml?: string };

/**
 * The picture: browser → server with the Cookie it carried, server → browser with the Set-Cookie.
 * 300 units wide and drawn at most 300 px wide, so its 12.5-unit labels never shrink below 12 px
 * in a phone's panel.
 */
function diagram(exchange: Exchange): Element {
  const model = diagramModel(exchange, 16);
  const box = (x: number, label: string) => [
    svg('rect', { x, y: 8, width: 58, height: 84, rx: 6, class: 'box' }),
    svg('text', { x: x + 29, y: 55, 'text-anchor': 'middle', class: 'box-label' }, label),
  ];
  const arrow = (y: number, toRight: boolean, [top, bottom]: [string, string]) => [
    svg('line', { x1: toRight ? 68 : 232, y1: y, x2: toRight ? 232 : 68, y2: y, class: 'arrow' }),
    svg('path', { d: toRight ? `M232 ${y}l-8 -5v10z` : `M68 ${y}l8 -5v10z`, class: 'head' }),
    svg('text', { x: 150, y: y - 6, 'text-anchor': 'middle', class: 'arrow-label strong' }, top),
    svg('text', { x: 150, y: y + 16, 'text-anchor': 'middle', class: 'arrow-label' }, bottom),
  ];
  return svg(
    'svg',
    { viewBox: '0 0 300 100', role: 'img', 'aria-label': model.label, class: 'exchange-diagram' },
    ...box(4, 'Browser'),
    ...box(238, 'Server'),
    ...arrow(30, true, model.request),
    ...arrow(74, false, model.response),
  );
}

const header = (name: string, value: Child, note?: string) =>
  h(
    'li',
    null,
    h('span', { class: 'header-name' }, `${name}: `),
    value,
    note ? h('span', { class: 'note' }, note) : '',
  );

/** Request and response headers as two <ul class="headers">, each header `Name: <code>value</code>` plus a note. */
function headers(exchange: Exchange, sub: 'h4' | 'h5'): HTMLElement {
  const response = h(
    'ul',
    { class: 'headers' },
    header('Status', `${exchange.status}`),
    exchange.location ? header('Location', h('code', null, exchange.location)) : '',
    ...exchange.setCookies.map((value) => {
      const cookie = parseSetCookie(value);
      const note =
        cookie.name === 'sandbox_lab'
          ? labCookieNote
          : cookie.name === 'session' && exchange.cookieWarning
            ? droppedCookieNote
            : exchangeDeletionNote(exchange, cookie, withBase(`/sandbox/${exchange.engine}`));
      return header('Set-Cookie', h('code', null, value), note ? ` (${note})` : undefined);
    }),
    exchange.setCookies.length ? '' : header('Set-Cookie', h('em', null, 'none sent')),
    exchange.vary ? header('Vary', h('code', null, exchange.vary)) : '',
  );
  return h(
    'div',
    { class: 'http' },
    h(sub, null, 'Request'),
    h(
      'ul',
      { class: 'headers' },
      header(
        'Cookie',
        exchange.requestCookie ? h('code', null, exchange.requestCookie) : h('em', null, 'none sent'),
        exchange.requestCookie?.includes('sandbox_lab=') ? ` (${labCookieNote})` : undefined,
      ),
      exchange.fetchSite
        ? header(
            'Sec-Fetch-Site',
            h('code', null, exchange.fetchSite),
            ` (${fetchSiteNote(exchange.fetchSite)})`,
          )
        : '',
    ),
    h(sub, null, 'Response'),
    response,
  );
}

/** What the browser's Sec-Fetch-Site says, and what the sandbox does with a POST that carries it. */
function fetchSiteNote(site: string): string {
  if (site === 'same-origin') return 'written by your browser: this page sent it, so a POST is accepted';
  if (site === 'none') return 'written by your browser: you typed or bookmarked the address';
  return 'written by your browser: another site started it, so a POST is refused with 403';
}

/** Express `cookie-session`: the value is plain base64 JSON and the signature lives in a second cookie. */
function expressCookie(exchange: Exchange): HTMLElement | '' {
  const value = exchange.cookieAfter ?? cookieValue(exchange.requestCookie, 'session');
  if (!value) return '';
  const decoded = decodeExpressSession(value);
  return h(
    'div',
    { class: 'anatomy' },
    h('p', null, 'The ', h('code', null, 'session'), ' cookie is base64 JSON (readable by anyone): '),
    h('code', { class: 'cookie-parts' }, h('span', { class: 'seg seg-payload' }, value)),
    h('p', null, 'Decoded: ', h('code', null, decoded ? json(decoded) : 'unreadable')),
    h(
      'p',
      null,
      'Its HMAC-SHA1 signature travels in a second cookie, ',
      h('code', null, 'session.sig'),
      ', signed over ',
      h('code', null, 'session=<value>'),
      '.',
    ),
  );
}

/** The session diff as a <ul class="diff">: one <li> per key, marked +, − or ~ in text, not only colour. */
function diffList(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  unchanged: string,
): HTMLElement {
  const entries = diffSessions(before, after);
  if (!entries.length) return h('p', { class: 'diff-none' }, unchanged);
  return h(
    'ul',
    { class: 'diff' },
    ...entries.map((entry) =>
      entry.kind === 'added'
        ? h(
            'li',
            { class: 'added' },
            h('strong', null, '+ added '),
            `${entry.key}: `,
            h('code', null, json(entry.after)),
          )
        : entry.kind === 'removed'
          ? h(
              'li',
              { class: 'removed' },
              h('strong', null, '− removed '),
              `${entry.key} (was `,
              h('code', null, json(entry.before)),
              ')',
            )
          : h(
              'li',
              { class: 'changed' },
              h('strong', null, '~ changed '),
              `${entry.key}: `,
              h('code', null, json(entry.before)),
              ' → ',
              h('code', null, json(entry.after)),
            ),
    ),
  );
}

/** Which code ran, the template's branch, and the HTML the template printed (as text, escapes visible). */
function ran(exchange: ExchangeView): HTMLElement {
  const code = codeRanText(exchange.engine, exchange.codeLines);
  const branch = exchange.templateBranch
    ? `The template's {% if %} ${exchange.templateBranch === 'if' ? 'branch ran' : 'test was false (nothing printed)'}.`
    : '';
  const html = exchange.templateHtml;
  return h(
    'div',
    { class: 'ran' },
    code || branch ? h('p', null, [code, branch].filter(Boolean).join(' ')) : '',
    html === undefined
      ? ''
      : h(
          'div',
          { class: 'template-output' },
          h('p', null, 'The template printed this HTML:'),
          h('pre', null, h('code', { 'data-template-html': '' }, html || '(nothing)')),
        ),
  );
}

/**
 * Which cookie the anatomy shows: the one the browser holds after this response, else the one sent.
 * Either way its signature is checked now, with the key in force after this request (a lab change
 * included), unlike the session line, which is about the cookie as it came in.
 */
function anatomyHeading(exchange: Exchange, anatomy: CookieAnatomyView): string {
  return anatomy.input === exchange.cookieAfter
    ? 'Cookie anatomy: the cookie your browser holds now'
    : 'Cookie anatomy: the cookie that came in (your browser no longer holds it)';
}

/** The entry's always-visible line: engine, request line, status, time and the one-sentence summary. */
function summaryLine(exchange: Exchange): HTMLElement {
  const time = new Date(exchange.at);
  return h(
    'summary',
    null,
    h('span', { class: `engine engine-${exchange.engine}` }, engineNames[exchange.engine].short),
    ' ',
    h('strong', null, `${exchange.method} ${exchange.path}`),
    ` → ${exchange.status} `,
    h('time', { datetime: time.toISOString() }, time.toLocaleTimeString()),
    h('span', { class: 'summary-text' }, exchange.summary),
  );
}

/** The wire: the picture, the headers as sent, Werkzeug's size warning, and which code ran. */
function wire(exchange: ExchangeView, sub: 'h4' | 'h5'): HTMLElement {
  return h(
    'div',
    null,
    diagram(exchange),
    headers(exchange, sub),
    exchange.cookieWarning
      ? h('p', { class: 'warning' }, h('strong', null, 'Werkzeug warns: '), exchange.cookieWarning)
      : '',
    ran(exchange),
  );
}

/** Real Flask in the browser signed it; the page has no key, so it says who checks it, and when. */
const browserUnchecked =
  "Not checked by this page: the key is in your app. Flask checks the signature when the cookie comes back with the next request. Anyone can read this cookie; only your app's key can sign a changed one.";

/** What it means: the cookie decoded (anatomy), the session as the app left it, and what changed. */
function meaning(
  exchange: ExchangeView,
  before: Record<string, unknown>,
  sub: 'h4' | 'h5',
  changesHeading: string,
  unchanged: string,
): HTMLElement {
  const anatomy: CookieAnatomyView | undefined = exchange.anatomy;
  // An Express cookie has no anatomy (not Flask's format): it gets its own short explanation.
  const cookie = anatomy
    ? exchange.engine === 'browser-flask'
      ? renderAnatomy(anatomy, 'by Flask in your browser, when the request came in', browserUnchecked)
      : renderAnatomy(anatomy, 'now, with the key in force after this request')
    : exchange.engine === 'express'
      ? expressCookie(exchange)
      : exchange.engine === 'server-side'
        ? h('p', null, 'The cookie holds only a random session id: nothing to decode, nothing to sign.')
        : h('p', null, 'No session cookie in this exchange.');
  return h(
    'div',
    null,
    h(sub, null, anatomy ? anatomyHeading(exchange, anatomy) : 'Cookie anatomy'),
    cookie,
    exchange.serverKeeps ? serverKeeps(exchange.serverKeeps, sub) : '',
    h(sub, null, 'Session'),
    h(
      'p',
      { class: 'incoming' },
      h('strong', null, 'The cookie that came in'),
      ` (checked with the key in force when the request started): ${incomingText(exchange.session)}`,
    ),
    h('pre', { class: 'session-json' }, json(exchange.session.after)),
    h(sub, null, changesHeading),
    diffList(before, exchange.session.after, unchanged),
  );
}

/** The server-side engine's row beside the cookie: what the server keeps under `session:<id>`. */
function serverKeeps(row: NonNullable<Exchange['serverKeeps']>, sub: 'h4' | 'h5'): HTMLElement {
  const store = row.store === 'redis' ? 'Redis' : 'SQLite';
  return h(
    'div',
    { class: 'server-keeps' },
    h(sub, null, `What the server keeps (${store})`),
    row.key === null
      ? h('p', null, 'No row for this browser.')
      : h(
          'p',
          null,
          'Row ',
          h('code', null, row.key),
          row.value === null ? ': none (deleted or never written).' : ':',
        ),
    row.value === null ? '' : h('pre', { class: 'session-json' }, json(row.value)),
    row.expiresAt === undefined
      ? ''
      : h('p', null, `Expires ${new Date(row.expiresAt).toLocaleTimeString()}.`),
    row.note ? h('p', { class: 'note' }, row.note) : '',
  );
}

/**
 * One exchange as an expandable timeline entry: headers, picture, cookie anatomy, session and diff,
 * and which code ran. `previous` is the engine's exchange before it, for the diff; `unchanged` is
 * what the diff says when nothing changed.
 */
export function renderExchange(
  exchange: ExchangeView,
  previous: Exchange | undefined,
  open: boolean,
  sub: 'h4' | 'h5' = 'h5',
  unchanged = 'No change to the session.',
): HTMLLIElement {
  // <li><details><summary>…</summary><div class="exchange-body">wire · meaning</div></details></li>
  const details = h('details', { 'data-exchange': exchange.id }, summaryLine(exchange));
  details.open = open;
  const before = previous ? previous.session.after : exchange.session.before;
  const changes = previous ? 'Changes since the previous request' : 'Changes during this request';
  // The wire (what was sent) beside what it means (the cookie decoded), when there is room.
  details.append(
    h(
      'div',
      { class: 'exchange-body' },
      wire(exchange, sub),
      meaning(exchange, before, sub, changes, unchanged),
    ),
  );
  return h('li', null, details);
}
