import { engineNames } from '../../lib/engine-names.ts';
import { type ChangeView, changeView } from '../../lib/inspector/change.ts';
import { droppedCookieNote, labCookieNote, parseSetCookie } from '../../lib/inspector/cookies.ts';
import type { DiffEntry } from '../../lib/inspector/diff.ts';
import { toneIcon, truncateMiddle } from '../../lib/inspector/format.ts';
import type { CookieAnatomyView, Engine, Exchange } from '../../lib/inspector/types.ts';
import { codeRunEvent, failureOf, lastCodeRun } from './code-run-state.ts';
import { h, json } from './dom.ts';
import { openInspectorAt } from './inspector-link.ts';
import { renderCookieParts } from './render-anatomy.ts';
import { getTimeline, type TimelineChange, timelineEvent } from './timeline-store.ts';

/** The `; HttpOnly; Path=…` after a Set-Cookie's name=value. */
const attributesOf = (header: string) => {
  const semicolon = header.indexOf(';');
  return semicolon === -1 ? '' : header.slice(semicolon);
};

/** How long one part of the cookie may be in the strip; longer ones (a 4 KB payload) are shortened in the middle. */
const maxPartLength = 120;

/**
 * The cookie's parts with each long one shortened in the middle, so a 4 KB cookie leaves the strip
 * a strip (the inspector shows it in full).
 */
function shortParts(
  anatomy: Pick<CookieAnatomyView, 'input' | 'segments'>,
): Pick<CookieAnatomyView, 'input' | 'segments'> {
  let input = '';
  let at = 0;
  const segments = [...anatomy.segments]
    .sort((a, b) => a.start - b.start)
    .map((segment) => {
      input += anatomy.input.slice(at, segment.start);
      const text = truncateMiddle(segment.text, maxPartLength);
      const start = input.length;
      input += text;
      at = segment.end;
      return { ...segment, start, end: input.length, text };
    });
  return { input: input + anatomy.input.slice(at), segments };
}

/** `session=<coloured parts>; HttpOnly; Path=…`: the value cut into payload · timestamp · signature. */
function setCookieLine(view: ChangeView): HTMLElement {
  const header = view.setCookie ?? '';
  const { name, value } = parseSetCookie(header);
  const rest = attributesOf(header);
  const parts = view.anatomy && value ? shortParts(view.anatomy) : undefined;
  const shown = parts
    ? renderCookieParts(parts)
    : value
      ? h('code', null, truncateMiddle(value, 3 * maxPartLength))
      : h('em', null, '(empty)');
  const shortened = value !== undefined && (parts ? parts.input.length : 3 * maxPartLength) < value.length;
  return h(
    'p',
    { class: 'change-set-cookie' },
    h('span', { class: 'header-name' }, 'Set-Cookie: '),
    view.dropped ? h('span', { class: 'note' }, `${droppedCookieNote} `) : '',
    h('code', null, `${name}=`),
    shown,
    h('code', null, rest),
    shortened ? h('span', { class: 'note' }, ` (${value.length} characters, shortened here)`) : '',
  );
}

/** Express `cookie-session`'s second cookie: its value is the signature, coloured as one. */
function signatureLine(header: string): HTMLElement {
  const { name, value } = parseSetCookie(header);
  const rest = attributesOf(header);
  return h(
    'p',
    { class: 'change-set-cookie' },
    h('span', { class: 'header-name' }, 'Set-Cookie: '),
    h('code', null, `${name}=`),
    h(
      'code',
      { class: 'cookie-parts' },
      h('span', { class: 'seg seg-signature', title: 'Signature' }, value),
    ),
    h('code', null, rest),
  );
}

/** Which colour (and underline) is which part, so the cut reads without the inspector. */
function legend(): HTMLElement {
  return h(
    'p',
    { class: 'change-legend' },
    h('span', { class: 'seg seg-payload' }, 'payload'),
    ' · ',
    h('span', { class: 'seg seg-timestamp' }, 'timestamp'),
    ' · ',
    h('span', { class: 'seg seg-signature' }, 'signature'),
    ' (signed, not encrypted: anyone can read the payload)',
  );
}

/** A value in the strip: its JSON, shortened in the middle past a few lines (the inspector has it all). */
const shortJson = (value: unknown) => truncateMiddle(json(value), maxPartLength);

/** One session key's change as code: `key: before → after`. */
function entryLine(entry: DiffEntry): HTMLElement {
  return h(
    'li',
    null,
    h('code', null, entry.key),
    ': ',
    h('code', null, entry.kind === 'added' ? '(none)' : shortJson(entry.before)),
    ' → ',
    h('code', null, entry.kind === 'removed' ? '(removed)' : shortJson(entry.after)),
  );
}

function diffLine(view: ChangeView): HTMLElement {
  const net = view.diff.length
    ? h('ul', { class: 'change-diff', 'aria-label': 'Session changes' }, ...view.diff.map(entryLine))
    : h('p', { class: 'change-diff' }, 'Session: no change.');
  if (!view.passing.length) return net;
  // What the first request did and the second undid (a flash shown once): said, not hidden by the net.
  return h(
    'div',
    null,
    net,
    h('p', { class: 'change-passing' }, 'In between, after the first request (undone by the next):'),
    h(
      'ul',
      { class: 'change-diff', 'aria-label': 'Changes undone by the next request' },
      ...view.passing.map(entryLine),
    ),
  );
}

/** Both requests' headers, folded: the detail is one click away, the gist is above. */
function detail(view: ChangeView): HTMLElement {
  const value = (text: string | null) => (text === null ? '(none)' : truncateMiddle(text, 48));
  return h(
    'details',
    { class: 'change-detail' },
    h('summary', null, view.exchanges.length > 1 ? 'Both requests, in detail' : 'The request, in detail'),
    h(
      'p',
      null,
      'Cookie value: ',
      h('code', null, value(view.oldValue)),
      ' → ',
      h('code', null, value(view.newValue)),
    ),
    ...view.exchanges.map((e: Exchange) =>
      h(
        'div',
        { class: 'change-exchange' },
        h('p', null, h('strong', null, `${e.method} ${e.path} → ${e.status}`), ` ${e.summary}`),
        (e.requestCookie ?? '').includes('sandbox_lab=') ||
          e.setCookies.some((c) => c.startsWith('sandbox_lab='))
          ? h('p', { class: 'note' }, `${labCookieNote}.`)
          : '',
        h(
          'ul',
          { class: 'headers' },
          h(
            'li',
            null,
            h('span', { class: 'header-name' }, 'Cookie: '),
            h('code', null, e.requestCookie ?? '(none sent)'),
          ),
          ...(e.setCookies.length ? e.setCookies : ['(none sent)']).map((header) =>
            h('li', null, h('span', { class: 'header-name' }, 'Set-Cookie: '), h('code', null, header)),
          ),
        ),
      ),
    ),
  );
}

/**
 * The engine whose newest action the strip shows: the Flask strip also shows real Flask in the
 * learner's browser (the Code tab), whichever of the two acted last, labelled with its name.
 */
function engineShown(strip: HTMLElement, timeline: readonly Exchange[]): Engine {
  const own = strip.dataset.changeStrip as Engine;
  if (own !== 'flask') return own;
  const newest = timeline.findLast((e) => e.engine === 'flask' || e.engine === 'browser-flask');
  return newest?.engine ?? own;
}

/**
 * The Code tab's last Run, when its app did not load after the newest exchange this strip shows:
 * that exchange is not what the app does now, so the strip says so instead.
 */
function failedRun(strip: HTMLElement, newest: Exchange | undefined): string | undefined {
  if (strip.dataset.changeStrip !== 'flask') return undefined;
  const run = lastCodeRun();
  if (!run || run.loaded || (newest && newest.at > run.at)) return undefined;
  return run.sentence;
}

/** "Your app did not load…", with the last exchange folded away as what it was: the past. */
function notLoaded(sentence: string, stale: (Node | string)[]): (Node | string)[] {
  return [
    h(
      'p',
      { class: 'change-verdict bad change-failed' },
      h('span', { 'aria-hidden': 'true' }, `${toneIcon.bad} `),
      sentence,
    ),
    stale.length
      ? h(
          'details',
          { class: 'change-detail' },
          h('summary', null, 'The last exchange before this Run'),
          ...stale,
        )
      : '',
  ];
}

function render(strip: HTMLElement, timeline: Exchange[]): void {
  const body = strip.querySelector<HTMLElement>('[data-change-body]');
  const engine = engineShown(strip, timeline);
  const view = changeView(timeline, engine);
  if (!body) return;
  const failed = failedRun(strip, view?.exchanges[view.exchanges.length - 1]);
  if (!view) {
    if (failed) body.replaceChildren(...notLoaded(failed, []));
    return;
  }
  const newest = view.exchanges[view.exchanges.length - 1];
  // The app raised on this request: said first, in the words of its error.
  const raised =
    engine === 'browser-flask' ? view.exchanges.map((e) => failureOf(e.id)).find(Boolean) : undefined;
  const link = h('a', { href: '#inspector-heading', class: 'change-inspect' }, 'Show in the inspector');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openInspectorAt(view.exchanges[0].id);
  });
  // What changed leads: the session's change, then the cookie that carries it; the verdict and the
  // requests after them, for the learner who wants to know why.
  const parts: (Node | string)[] = [
    engine === 'browser-flask'
      ? h('p', { class: 'change-engine' }, `Ran in: ${engineNames[engine].long}`)
      : '',
    raised
      ? h(
          'p',
          { class: 'change-verdict bad change-failed' },
          h('span', { 'aria-hidden': 'true' }, `${toneIcon.bad} `),
          raised,
        )
      : '',
    diffLine(view),
    view.setCookie
      ? setCookieLine(view)
      : h(
          'p',
          { class: 'change-set-cookie' },
          h('span', { class: 'header-name' }, 'Set-Cookie: '),
          h('em', null, 'none sent'),
          view.newValue ? ' (the browser keeps its cookie)' : '',
        ),
    view.signatureCookie ? signatureLine(view.signatureCookie) : '',
    view.anatomy && view.newValue ? legend() : '',
    h(
      'p',
      { class: `change-verdict ${view.verdict.tone}` },
      h('span', { 'aria-hidden': 'true' }, `${toneIcon[view.verdict.tone]} `),
      view.verdict.text,
    ),
    h('p', { class: 'change-title' }, h('strong', null, view.title)),
    h(
      'p',
      { class: 'change-values' },
      'Cookie: ',
      h('code', null, view.oldValue === null ? '(none)' : truncateMiddle(view.oldValue, 22)),
      ' → ',
      h('code', null, view.newValue === null ? '(none)' : truncateMiddle(view.newValue, 22)),
    ),
    h('p', { class: 'change-links' }, link, newest.truncated ? ' (long values shortened)' : ''),
    detail(view),
  ];
  body.replaceChildren(...(failed ? notLoaded(failed, parts) : parts));
}

const strips = [...document.querySelectorAll<HTMLElement>('[data-change-strip]')];
/** On a phone the strip is below the app: after an action, bring it up just enough to be read. */
const narrow = matchMedia('(max-width: 60rem)');
for (const strip of strips) render(strip, getTimeline());
window.addEventListener(codeRunEvent, () => {
  for (const strip of strips) render(strip, getTimeline());
});
window.addEventListener(timelineEvent, (event) => {
  const { timeline, added } = (event as CustomEvent<TimelineChange>).detail;
  for (const strip of strips) {
    render(strip, timeline);
    const view = changeView(timeline, engineShown(strip, timeline));
    const acted =
      view && view.exchanges.length > 1 && added.includes(view.exchanges[view.exchanges.length - 1]);
    if (acted && narrow.matches && !strip.closest('[hidden]')) strip.scrollIntoView({ block: 'nearest' });
  }
});
