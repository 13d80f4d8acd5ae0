import { emptyProgress } from '../lib/progress.ts';
import { withBase } from '../lib/site.ts';
import { updateProgress } from './progress-store.ts';
import { clearTimeline } from './sandbox/timeline-store.ts';

/**
 * "Reset progress", after a confirmation: forgets answers, tasks and visits, the sandbox history,
 * and the learner's sandbox session and lab key (their own cookies, cleared by the sandbox).
 */
async function resetSandboxCookies(): Promise<void> {
  const post = (path: string) =>
    fetch(withBase(path), {
      method: 'POST',
      headers: { Accept: 'application/json' },
      redirect: 'manual',
    }).catch(() => undefined);
  await Promise.all([
    post('/sandbox/flask/clear'),
    post('/sandbox/express/clear'),
    post('/sandbox/flask/lab/reset'),
  ]);
}

for (const root of document.querySelectorAll<HTMLElement>('[data-reset]')) {
  const ask = root.querySelector<HTMLButtonElement>('[data-reset-ask]');
  const confirm = root.querySelector<HTMLElement>('[data-reset-confirm]');
  const yes = root.querySelector<HTMLButtonElement>('[data-reset-yes]');
  const no = root.querySelector<HTMLButtonElement>('[data-reset-no]');
  const status = document.querySelector<HTMLElement>('[data-reset-status]');
  if (!ask || !confirm || !yes || !no) continue;
  const showConfirm = (show: boolean) => {
    confirm.hidden = !show;
    ask.hidden = show;
    (show ? no : ask).focus();
  };
  ask.addEventListener('click', () => showConfirm(true));
  no.addEventListener('click', () => showConfirm(false));
  yes.addEventListener('click', async () => {
    await resetSandboxCookies();
    clearTimeline();
    updateProgress(() => emptyProgress());
    showConfirm(false);
    if (status) {
      status.textContent =
        'Progress reset: every step is back to not started, and the sandbox history is empty.';
      // The reset button hides itself with no progress left; the message takes the focus.
      status.focus();
    }
  });
}
