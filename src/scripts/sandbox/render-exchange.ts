import {
  deletionNote,
  labCookieNote,
  parseCookieHeader,
  parseSetCookie,
} from '../../lib/inspector/cookies.ts';
import { diagramModel } from '../../lib/inspector/diagram.ts';
import { diffSessions } from '../../lib/inspector/diff.ts';
import { codeRanText, decodeExpressSession } from '../../lib/inspector/format.ts';
import type { CookieAnatomyView, Exchange } from '../../lib/inspector/types.ts';
import { type Child, h, json, svg } from './dom.ts';
import { renderAnatomy } from './render-anatomy.ts';

const engineName = { flask: 'Flask', express: 'Express' } as const;

/** The server may add the template's output (`templateHtml`) to GET pages; optional either way. */
type ExchangeView = Exchange & { templateHtml?: string };

/** How the cookie that came in was judged, with the key in force when the request started. */
const incoming: Record<string, string> = {
  none: 'no session cookie came in',
  valid: 'it verified',
  'bad-signature': 'it had a bad signature, so it was ignored (empty session)',
  expired: 'it had expired, so it was ignored',
  'bad-payload': 'it was signed but unreadable',
};

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
            ? 'the cookie the server tried to set (the browser drops it: over 4 KB)'
            : deletionNote(cookie, `/sandbox/${exchange.engine}`, exchange.at);
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
    ),
    h(sub, null, 'Response'),
    response,
  );
}

/** Express `cookie-session`: the value is plain base64 JSON and the signature lives in a second cookie. */
function expressCookie(exchange: Exchange): HTMLElement | '' {
  const value =
    exchange.cookieAfter ??
    parseCookieHeader(exchange.requestCookie).find((c) => c.name === 'session')?.value;
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
  const time = new Date(exchange.at);
  const details = h(
    'details',
    { 'data-exchange': exchange.id },
    h(
      'summary',
      null,
      h('span', { class: `engine engine-${exchange.engine}` }, engineName[exchange.engine]),
      ' ',
      h('strong', null, `${exchange.method} ${exchange.path}`),
      ` → ${exchange.status} `,
      h('time', { datetime: time.toISOString() }, time.toLocaleTimeString()),
      h('span', { class: 'summary-text' }, exchange.summary),
    ),
  );
  details.open = open;
  const anatomy: CookieAnatomyView | undefined = exchange.anatomy;
  const before = previous ? previous.session.after : exchange.session.before;
  const wire = h(
    'div',
    null,
    diagram(exchange),
    headers(exchange, sub),
    exchange.cookieWarning
      ? h('p', { class: 'warning' }, h('strong', null, 'Werkzeug warns: '), exchange.cookieWarning)
      : '',
    ran(exchange),
  );
  const contents = h(
    'div',
    null,
    h(sub, null, anatomy ? anatomyHeading(exchange, anatomy) : 'Cookie anatomy'),
    anatomy
      ? renderAnatomy(anatomy, 'now, with the key in force after this request')
      : exchange.engine === 'express'
        ? expressCookie(exchange)
        : '',
    anatomy || exchange.engine === 'express' ? '' : h('p', null, 'No session cookie in this exchange.'),
    h(sub, null, 'Session'),
    h(
      'p',
      { class: 'incoming' },
      h('strong', null, 'The cookie that came in'),
      ` (checked with the key in force when the request started): ${incoming[exchange.session.status] ?? exchange.session.status}.`,
    ),
    h('pre', { class: 'session-json' }, json(exchange.session.after)),
    h(sub, null, previous ? 'Changes since the previous request' : 'Changes during this request'),
    diffList(before, exchange.session.after, unchanged),
  );
  // The wire (what was sent) beside what it means (the cookie decoded), when there is room.
  details.append(h('div', { class: 'exchange-body' }, wire, contents));
  return h('li', null, details);
}
