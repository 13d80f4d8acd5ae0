import { type CliCommand, cliCommand } from '../../lib/inspector/cli.ts';
import { signedDate, verdictText } from '../../lib/inspector/format.ts';
import { earlierCookies, latestOfEngine } from '../../lib/inspector/timeline.ts';
import type { DecodeResponse, Engine, Exchange } from '../../lib/inspector/types.ts';
import { h, json } from './dom.ts';
import { renderCookieParts } from './render-anatomy.ts';
import { getTimeline, type TimelineChange, timelineEvent } from './timeline-store.ts';

const lab = document.querySelector<HTMLElement>('[data-lab]');

/** Fills the cookie fields with the cookie the browser now holds (unless the learner is editing one). */
function prefill(timeline: Exchange[]): void {
  if (!lab) return;
  for (const field of lab.querySelectorAll<HTMLTextAreaElement>('textarea[data-prefill]')) {
    const cookie = latestOfEngine(timeline, field.dataset.prefill as Engine)?.cookieAfter;
    if (cookie && (field.value === '' || field.dataset.filled === field.value)) {
      field.value = cookie;
      field.dataset.filled = cookie;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
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
    // One <option> per earlier cookie, labelled by when and after which request the browser held it.
    select.replaceChildren(
      ...earlier.map(({ cookie, from }) => {
        const label = `${new Date(from.at).toLocaleTimeString()} after ${from.method} ${from.path.replace(/^\/sandbox\/\w+/, '')} (${cookie.slice(0, 12)}…)`;
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

/** Keeps the `npx session-lab …` line in step with the form's fields. */
function updateCli(form: HTMLFormElement): void {
  const target = form.querySelector('[data-cli]');
  if (!target) return;
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? '').trim();
  const kind = form.dataset.lab as CliCommand['kind'];
  target.textContent = cliCommand({
    kind,
    cookie: field('cookie'),
    json: field('json'),
    secretKey: field('secretKey'),
  });
}

async function post(form: HTMLFormElement): Promise<unknown> {
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { error?: string } | undefined)?.error;
    throw new Error(message ?? `The server answered ${response.status}.`);
  }
  return body;
}

/**
 * How each tool's JSON answer is shown inside its form's [data-lab-result] box: built from text
 * nodes only (h()), replacing what was there, so server text can never become markup.
 */
const results: Record<string, (body: unknown, out: HTMLElement, form: HTMLFormElement) => void> = {
  guess(body, out) {
    const { key, tried, perSecond, error } = body as {
      key: string | null;
      tried: number;
      perSecond: number;
      error?: string;
    };
    // The server explains a cookie it cannot attack (not a Flask cookie, say): that is not "not found".
    if (typeof error === 'string' || typeof tried !== 'number') {
      out.replaceChildren(h('p', { class: 'bad' }, error ?? 'The server could not guess this cookie.'));
      return;
    }
    const rate = `${tried.toLocaleString()} keys tried, about ${Math.round(perSecond).toLocaleString()} per second`;
    out.replaceChildren(
      key === null
        ? h('p', null, `Not found in the word list (${rate}).`)
        : h('p', { class: 'bad' }, 'Found the key: ', h('code', null, key), ` (${rate}).`),
    );
  },
  decode(body, out, form) {
    const { decoding, verifying } = body as DecodeResponse;
    const cookie = String(new FormData(form).get('cookie') ?? '').trim();
    const verdict = verifying.checked ? verdictText(verifying.verdict) : undefined;
    out.replaceChildren(
      h('p', null, h('strong', null, 'Decoded (no key needed)')),
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
        ? h('p', { class: verdict.ok ? 'ok' : 'bad' }, verdict.ok ? '✓ ' : '✗ ', verdict.text)
        : h('p', null, 'Not checked: give the secret key to verify the signature.'),
    );
  },
};

if (lab) {
  for (const form of lab.querySelectorAll<HTMLFormElement>('form[data-lab]')) {
    updateCli(form);
    form.addEventListener('input', () => updateCli(form));
    const show = results[form.dataset.lab ?? ''];
    const out = form.querySelector<HTMLElement>('[data-lab-result]');
    if (!show || !out) continue;
    // These answer with data, not a page: show it here instead of leaving the lesson.
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      out.textContent = 'Working…';
      try {
        show(await post(form), out, form);
      } catch (error) {
        // The server's own explanation as is; a failed fetch (offline, say) as an apology.
        const message =
          error instanceof TypeError ? 'Sorry: the sandbox could not be reached.' : (error as Error).message;
        out.replaceChildren(h('p', { class: 'bad' }, message));
      }
    });
  }
  prefill(getTimeline());
  listEarlierCookies(getTimeline());
  window.addEventListener(timelineEvent, (event) => {
    const { timeline } = (event as CustomEvent<TimelineChange>).detail;
    prefill(timeline);
    listEarlierCookies(timeline);
  });
}
