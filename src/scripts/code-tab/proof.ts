/**
 * Proof on the spot, wired: after each exchange of the learner's app that real Flask answered with
 * a session Set-Cookie, asks the server's engine for the same action (POST /sandbox/api/same-action,
 * no cookies of the learner's sent) and says under the app's answer whether the bytes are the same,
 * or where they differ. The sentences come from src/lib/pyflask/proof.ts; all text goes in as text.
 */
import {
  SAME_ACTION_PATH,
  type SameActionAnswer,
  type SameActionQuestion,
} from '../../../sandbox/contract/same-action.ts';
import { proofUnavailable, proofVerdict, sameActionQuestionOf } from '../../lib/pyflask/proof.ts';
import type { WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';
import { withBase } from '../../lib/site.ts';
import { browserExchangeEvent } from './framed-app.ts';

type Outcome = { same: boolean; text: string } | { unavailable: string };

async function ask(question: SameActionQuestion): Promise<SameActionAnswer> {
  const response = await fetch(withBase(SAME_ACTION_PATH), {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(question),
  });
  const body = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
  if (!response.ok) {
    throw new Error(typeof body?.error === 'string' ? body.error : `the server answered ${response.status}`);
  }
  return body as SameActionAnswer;
}

/** Shows the proof in the tab's `[data-code-proof]` line; a new Run hides the last one. */
export function mountProof(tab: HTMLElement): void {
  const line = tab.querySelector<HTMLElement>('[data-code-proof]');
  const label = line?.querySelector<HTMLElement>('[data-code-proof-action]');
  const text = line?.querySelector<HTMLElement>('[data-code-proof-text]');
  if (!line || !label || !text) return;
  // Only the latest exchange's answer is shown, however the server's answers arrive.
  let latest = 0;
  const show = (action: string, outcome: Outcome): void => {
    line.hidden = false;
    line.dataset.same = 'unavailable' in outcome ? 'unknown' : String(outcome.same);
    label.textContent = `${action}:`;
    text.textContent = 'unavailable' in outcome ? outcome.unavailable : outcome.text;
  };
  tab.querySelector('[data-code-run]')?.addEventListener('click', () => {
    latest++;
    line.hidden = true;
  });
  window.addEventListener(browserExchangeEvent, (event) => {
    const { request, response } = (event as CustomEvent<{ request: WsgiRequest; response: WsgiResponse }>)
      .detail;
    const question = sameActionQuestionOf(request, response, Date.now() / 1000);
    if (!question) return;
    const turn = ++latest;
    const action = `${question.method} ${question.path}`;
    const setCookies = response.headers
      .filter(([name]) => name.toLowerCase() === 'set-cookie')
      .map(([, value]) => value);
    void ask(question).then(
      (answer) => turn === latest && show(action, proofVerdict(answer, setCookies)),
      (error: unknown) =>
        turn === latest &&
        show(action, { unavailable: proofUnavailable(error instanceof Error ? error.message : undefined) }),
    );
  });
}
