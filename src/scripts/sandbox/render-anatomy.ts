import { formatAge, signedDate, toneIcon, verdictText } from '../../lib/inspector/format.ts';
import type { CookieAnatomyView, SegmentKind } from '../../lib/inspector/types.ts';
import { h, json } from './dom.ts';

const partName: Record<SegmentKind, string> = {
  'compressed-flag': 'Compressed flag',
  payload: 'Payload',
  timestamp: 'Timestamp',
  signature: 'Signature',
};

/** The cookie value with each part coloured (and underlined differently, for those who don't see colour). */
export function renderCookieParts(anatomy: Pick<CookieAnatomyView, 'input' | 'segments'>): HTMLElement {
  // <code> holding the value as text runs, each part wrapped in a <span class="seg seg-<kind>">;
  // characters outside any part (the dots) stay plain text between them.
  const code = h('code', { class: 'cookie-parts' });
  let at = 0;
  for (const segment of [...anatomy.segments].sort((a, b) => a.start - b.start)) {
    if (segment.start > at) code.append(anatomy.input.slice(at, segment.start));
    code.append(h('span', { class: `seg seg-${segment.kind}`, title: partName[segment.kind] }, segment.text));
    at = Math.max(at, segment.end);
  }
  if (at < anatomy.input.length) code.append(anatomy.input.slice(at));
  return code;
}

/**
 * Each part decoded: JSON and value, date signed and age, signature and whether it verifies.
 * `unchecked` replaces the words for a signature nobody checked (real Flask in the browser: the
 * key is in the learner's app, not in the page).
 */
export function renderAnatomy(
  anatomy: CookieAnatomyView,
  verifyNote = 'with the key in force',
  unchecked?: string,
): HTMLElement {
  const said = verdictText(anatomy.verdict);
  const verdict = unchecked && said.ok === undefined ? { ...said, text: unchecked } : said;
  // A <dl>: one <dt> (colour swatch + part name) and one <dd> (what it decodes to) per part.
  const list = h('dl', { class: 'anatomy-parts' });
  const add = (kind: SegmentKind, ...detail: (Node | string)[]) => {
    list.append(
      h('dt', null, h('span', { class: `swatch seg-${kind}`, 'aria-hidden': 'true' }), partName[kind]),
    );
    list.append(h('dd', null, ...detail));
  };
  if (anatomy.compressed)
    add('compressed-flag', 'A leading dot: the payload is zlib-compressed before base64.');
  add(
    'payload',
    anatomy.json === undefined ? 'Could not be decoded.' : h('code', { class: 'json' }, anatomy.json),
    anatomy.value === undefined
      ? ''
      : h('span', { class: 'value' }, 'Session: ', h('code', null, json(anatomy.value))),
  );
  if (anatomy.signedAt !== undefined) {
    const date = signedDate(anatomy.signedAt);
    add(
      'timestamp',
      h('time', { datetime: date.toISOString() }, date.toLocaleString()),
      anatomy.ageSeconds === undefined ? '' : ` (signed ${formatAge(anatomy.ageSeconds)})`,
    );
  }
  // The verdict says ✓/✗ in text as well as colour, and when it was not checked, nothing at all.
  const signature = anatomy.segments.find((segment) => segment.kind === 'signature');
  add(
    'signature',
    signature ? h('code', null, signature.text) : 'none',
    h(
      'span',
      { class: `verdict ${verdict.tone}` },
      verdict.tone === 'info' ? '' : `${toneIcon[verdict.tone]} `,
      verdict.text,
      verdict.ok === undefined ? '' : ` (checked ${verifyNote})`,
    ),
  );
  return h('div', { class: 'anatomy' }, renderCookieParts(anatomy), list);
}
