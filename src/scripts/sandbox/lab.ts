import { errorOf, experimentExchangeOf, isDecodeAnswer, isGuessAnswer } from '../../lib/inspector/answers.ts';
import { changeView, experimentVerdict } from '../../lib/inspector/change.ts';
import { type CliCommand, cliCommand } from '../../lib/inspector/cli.ts';
import { droppedCookieNote, pastedCookieValue } from '../../lib/inspector/cookies.ts';
import { signedDate, toneIcon, type VerdictTone, verdictText } from '../../lib/inspector/format.ts';
import {
  earlierCookieLabel,
  earlierCookies,
  latestOfEngine,
  olderCookie,
} from '../../lib/inspector/timeline.ts';
import type { Engine, Exchange } from '../../lib/inspector/types.ts';
import { withBase } from '../../lib/site.ts';
import { h, json } from './dom.ts';
import { openInspectorAt } from './inspector-link.ts';
import { renderCookieParts } from './render-anatomy.ts';
import { addExchanges, getTimeline, type TimelineChange, timelineEvent } from './timeline-store.ts';

const lab = document.querySelector<HTMLElement>('[data-lab]');

/** The cookie the browser now holds for `engine`, from the newest exchange. */
const currentCookie = (timeline: Exchange[], engine: Engine) => latestOfEngine(timeline, engine)?.cookieAfter;

/** Fills the cookie fields with the cookie the browser now holds (unless the learner is editing one). */
function prefill(timeline: Exchange[]): void {
  listEarlierCookies(timeline);
  if (!lab) return;
  for (const field of lab.querySelectorAll<HTMLTextAreaElement>('textarea[data-prefill]')) {
    const engine = field.dataset.prefill as Engine;
    const cookie = currentCookie(timeline, engine);
    if (cookie && (field.value === '' || field.dataset.filled === field.value)) fill(field, cookie);
    const hint = lab.querySelector<HTMLElement>(`[data-prefill-hint="${engine}"]`);
    if (hint)
      hint.textContent = cookie
        ? 'This is your current cookie. Edit it, or paste any cookie (a whole Set-Cookie header works too).'
        : 'Store a first name first: then this box holds your current cookie.';
  }
  const old = olderCookie(timeline, 'flask');
  const replay = lab.querySelector<HTMLTextAreaElement>('textarea[data-old-cookie]');
  if (replay && old && (replay.value === '' || replay.dataset.filled === replay.value)) fill(replay, old);
  const replayHint = lab.querySelector<HTMLElement>('[data-old-cookie-hint]');
  if (replayHint)
    replayHint.textContent = old
      ? 'This is the cookie you held before your current one: replaced, but never revoked.'
      : 'Store a first name and press Start over first: then this box holds your old cookie.';
  const warning = timeline.findLast((exchange) => exchange.cookieWarning)?.cookieWarning;
  const output = lab.querySelector('[data-lab-warning]');
  if (output && warning) output.textContent = warning;
}

/**
 * Lists the cookies the browser held before its current one in the replay experiment's <select>
 * (newest first), and copies the chosen one into the textarea it sends; the first is chosen unless
 * the learner already picked or typed one.
 */
function listEarlierCookies(timeline: Exchange[]): void {
  for (const select of lab?.querySelectorAll<HTMLSelectElement>('select[data-earlier-cookies]') ?? []) {
    const engine = select.dataset.earlierCookies as Engine;
    const field = select.form?.querySelector<HTMLTextAreaElement>(`textarea[data-replay="${engine}"]`);
    const earlier = earlierCookies(timeline, engine);
    if (earlier.length === 0) continue;
    const chosen = select.value;
    // One <option> per earlier cookie, named by what its session held, then when the browser got it.
    select.replaceChildren(
      ...earlier.map(({ cookie, from }) => {
        const label = `${earlierCookieLabel(from.session.after)} (${new Date(from.at).toLocaleTimeString()})`;
        const option = h('option', { value: cookie }, label);
        option.selected = cookie === chosen;
        return option;
      }),
    );
    if (!select.dataset.wired) {
      select.dataset.wired = 'true';
      select.addEventListener('change', () => {
        if (field) field.value = select.value;
      });
    }
    if (field && (field.value === '' || field.value === field.dataset.filled)) {
      field.value = select.value;
      field.dataset.filled = select.value;
    }
  }
}

function fill(field: HTMLTextAreaElement, cookie: string): void {
  field.value = cookie;
  field.dataset.filled = cookie;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Keeps the `npx session-lab …` line in step with the form's fields. */
function updateCli(form: HTMLFormElement): void {
  const target = form.querySelector('[data-cli]');
  if (!target) return;
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? '').trim();
  const kind = form.dataset.lab as CliCommand['kind'];
  target.textContent = cliCommand({
    kind,
    cookie: pastedCookieValue(field('cookie')),
    json: field('json'),
    secretKey: field('secretKey'),
  });
}

async function post(form: HTMLFormElement): Promise<unknown> {
  const data = new FormData(form);
  // A pasted `session=…; HttpOnly; Path=/` header: send only its value (the server does the same).
  const cookie = data.get('cookie');
  if (typeof cookie === 'string') data.set('cookie', pastedCookieValue(cookie));
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: new URLSearchParams(data as unknown as Record<string, string>),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new Error(errorOf(body) ?? `The server answered ${response.status}.`);
  }
  return body;
}

/** A verdict as a paragraph: its icon (hidden from screen readers, which read the words) and its words. */
function verdictLine(verdict: { tone: VerdictTone; text: string }): HTMLElement {
  return h(
    'p',
    { class: verdict.tone },
    h('span', { 'aria-hidden': 'true' }, `${toneIcon[verdict.tone]} `),
    verdict.text,
  );
}

/** Waits for the app page of `engine` to report its next exchange (after we reloaded its frame). */
function nextPageOf(engine: Engine): Promise<void> {
  return new Promise((resolve) => {
    const done = (event: Event) => {
      const { added } = (event as CustomEvent<TimelineChange>).detail;
      if (!added.some((e) => e.engine === engine && e.method === 'GET')) return;
      window.removeEventListener(timelineEvent, done);
      resolve();
    };
    window.addEventListener(timelineEvent, done);
    // A frame that cannot load (offline) must not leave the verdict waiting for ever.
    setTimeout(() => {
      window.removeEventListener(timelineEvent, done);
      resolve();
    }, 8000);
  });
}

/** Reloads the app frame of `engine`, so it shows (and reports) what the experiment did. */
function reloadApp(engine: Engine): void {
  const frame = document.querySelector<HTMLIFrameElement>(`iframe[data-sandbox-frame="${engine}"]`);
  // The frame's own address: it names the step's controls (`&controls=`), which the app keeps.
  const address = frame?.getAttribute('src') ?? withBase(`/sandbox/${engine}/?embed=1`);
  try {
    frame?.contentWindow?.location.replace(address);
  } catch {
    if (frame) frame.src = address;
  }
}

const showLink = (id: string | undefined) => {
  const link = h('a', { href: '#inspector-heading', class: 'lab-inspect' }, 'Show in inspector');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openInspectorAt(id);
  });
  return h('p', null, link);
};

/** An experiment on the app (tamper, keys, forge, weak key, too big): its verdict, once the app has shown it. */
async function appExperiment(body: unknown, out: HTMLElement, form: HTMLFormElement): Promise<void> {
  const engine = (form.dataset.engine ?? 'flask') as Engine;
  const record = experimentExchangeOf(body);
  const shown = nextPageOf(engine);
  if (record) addExchanges([record]);
  reloadApp(engine);
  await shown;
  const view = changeView(getTimeline(), engine);
  // The weak key re-signed the session: the guess attacks that cookie, whatever the field held before.
  const attacked = lab?.querySelector<HTMLTextAreaElement>('#guess-cookie');
  const signed = currentCookie(getTimeline(), engine);
  if (form.dataset.lab === 'weak-key' && attacked && signed) fill(attacked, signed);
  const verdict = experimentVerdict(form.dataset.lab, view);
  out.replaceChildren(
    verdict ? verdictLine(verdict) : '',
    record ? h('p', null, record.summary) : '',
    view?.exchanges.some((e) => e.cookieWarning)
      ? h('p', null, `Set-Cookie shown: ${droppedCookieNote}.`)
      : '',
    showLink(record?.id),
  );
}

const results: Record<
  string,
  (body: unknown, out: HTMLElement, form: HTMLFormElement) => void | Promise<void>
> = {
  guess(body, out) {
    // The server explains a cookie it cannot attack (not a Flask cookie, say): that is not "not found".
    if (!isGuessAnswer(body)) {
      out.replaceChildren(
        h('p', { class: 'bad' }, errorOf(body) ?? 'The server could not guess this cookie.'),
      );
      return;
    }
    const { key, tried, perSecond } = body;
    const rate = `${tried.toLocaleString()} keys tried, about ${Math.round(perSecond).toLocaleString()} per second`;
    // Finding the key is the experiment succeeding: it reads as success (and as a warning about weak keys).
    out.replaceChildren(
      key === null
        ? h('p', { class: 'info' }, `Not found in the word list (${rate}): a strong key resists guessing.`)
        : h(
            'p',
            { class: 'ok' },
            h('span', { 'aria-hidden': 'true' }, '✓ '),
            'Found the key: ',
            h('code', null, key),
            ` (${rate}). Anyone with your cookie can now forge sessions.`,
          ),
    );
  },
  decode(body, out, form) {
    if (!isDecodeAnswer(body)) {
      out.replaceChildren(
        h('p', { class: 'bad' }, errorOf(body) ?? 'The server could not decode this cookie.'),
      );
      return;
    }
    const { decoding, verifying } = body;
    const cookie = pastedCookieValue(String(new FormData(form).get('cookie') ?? ''));
    const verdict = verifying.checked ? verdictText(verifying.verdict) : undefined;
    out.replaceChildren(
      h(
        'p',
        null,
        h('strong', null, decoding.decoded ? 'Decoded (no key needed)' : 'Could not decode this cookie'),
      ),
      decoding.json === null
        ? h(
            'p',
            null,
            decoding.problem ? verdictText(decoding.problem).text : 'The payload could not be decoded.',
          )
        : h(
            'div',
            null,
            renderCookieParts({ input: cookie, segments: decoding.segments }),
            h('p', null, 'JSON: ', h('code', null, decoding.json)),
            h('p', null, 'Session: ', h('code', null, json(decoding.value))),
            decoding.signedAt === null
              ? ''
              : h('p', null, `Signed: ${signedDate(decoding.signedAt).toLocaleString()}`),
          ),
      h('p', null, h('strong', null, 'Verified?')),
      verdict
        ? verdictLine(verdict)
        : h('p', null, 'Not checked: give the secret key to verify the signature.'),
    );
  },
};

if (lab) {
  for (const form of lab.querySelectorAll<HTMLFormElement>('form[data-lab]')) {
    updateCli(form);
    form.addEventListener('input', () => updateCli(form));
    const show = results[form.dataset.lab ?? ''] ?? (form.dataset.engine ? appExperiment : undefined);
    const out = form.querySelector<HTMLElement>('[data-lab-result]');
    if (!show || !out) continue;
    // Answered with data, not a page: the verdict goes under the button instead of leaving the lesson.
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      out.replaceChildren(h('p', null, 'Working…'));
      try {
        await show(await post(form), out, form);
      } catch (error) {
        // The server's own explanation as is; a failed fetch (offline, say) as an apology.
        const message =
          error instanceof TypeError ? 'Sorry: the sandbox could not be reached.' : (error as Error).message;
        out.replaceChildren(h('p', { class: 'bad' }, message));
      }
      // The verdict is new text under the button: keep it in view (scrolling no more than needed).
      out.scrollIntoView({ block: 'nearest' });
    });
  }
  for (const button of lab.querySelectorAll<HTMLButtonElement>('[data-use-current]')) {
    button.addEventListener('click', () => {
      const engine = button.dataset.useCurrent as Engine;
      const field = lab.querySelector<HTMLTextAreaElement>(`textarea[data-prefill="${engine}"]`);
      const cookie = currentCookie(getTimeline(), engine);
      const hint = lab.querySelector<HTMLElement>(`[data-prefill-hint="${engine}"]`);
      if (field && cookie) {
        fill(field, cookie);
        field.focus();
      } else if (hint) hint.textContent = 'You have no session cookie yet: store a first name first.';
    });
  }
  prefill(getTimeline());
  window.addEventListener(timelineEvent, (event) =>
    prefill((event as CustomEvent<TimelineChange>).detail.timeline),
  );
}
