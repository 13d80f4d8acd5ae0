import type { Progress } from '../../lib/progress.ts';
import { taskHelp } from '../../lib/task-help.ts';
import type { SandboxTaskId } from '../../schemas/lesson.ts';
import { loadProgress, progressEvent } from '../progress-store.ts';
import { getTimeline, timelineEvent } from './timeline-store.ts';
import { openTool } from './tools.ts';

const currentStep = document.querySelector<HTMLElement>('[data-current-step]')?.dataset.currentStep;

/** The number the step list shows for a step slug ("3"), if the page lists it. */
function stepNumberOf(slug: string): string | undefined {
  const item = document.querySelector(`[data-step-slug="${CSS.escape(slug)}"] .number`);
  return item?.textContent?.replace(/\D/g, '') || undefined;
}

/** Shows each step task's status: done here, done earlier on another step, or what is still missing. */
function render(progress: Progress): void {
  // The page renders each status with a visible [data-task-text] and a screen-reader-only
  // [data-task-hidden]; only their text changes here, never the structure.
  for (const status of document.querySelectorAll<HTMLElement>('[data-task-status]')) {
    const task = status.dataset.taskStatus as SandboxTaskId;
    const done = progress.tasks[task] === true;
    const where = progress.taskSteps?.[task];
    const elsewhere = done && where !== undefined && where !== currentStep ? stepNumberOf(where) : undefined;
    const text = !done ? 'Not done yet' : elsewhere ? `Done earlier, on step ${elsewhere} ✓` : 'Done ✓';
    status.dataset.done = String(done);
    const shown = status.querySelector('[data-task-text]');
    if (shown) shown.textContent = text;
    const hidden = status.querySelector('[data-task-hidden]');
    if (hidden) hidden.textContent = `Task status: ${text.replace(' ✓', '').toLowerCase()}.`;
    const missing = status.parentElement?.querySelector('[data-task-missing]');
    if (missing) missing.textContent = done ? '' : `Still missing: ${taskHelp[task].missing(getTimeline())}`;
  }
}

render(loadProgress());
window.addEventListener(progressEvent, (event) => render((event as CustomEvent<Progress>).detail));
window.addEventListener(timelineEvent, () => render(loadProgress()));
window.addEventListener('storage', () => render(loadProgress()));
for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-task-tool]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openTool(link.dataset.taskTool ?? '');
  });
}
