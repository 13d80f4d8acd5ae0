import type { Progress } from '../../lib/progress.ts';
import type { SandboxTaskId } from '../../schemas/lesson.ts';
import { loadProgress, progressEvent } from '../progress-store.ts';

/** Shows each step task's status ("Done ✓" once the sandbox has seen it done). */
function render(progress: Progress): void {
  // The page renders each status with a visible [data-task-text] and a screen-reader-only
  // [data-task-hidden]; only their text changes here, never the structure.
  for (const status of document.querySelectorAll<HTMLElement>('[data-task-status]')) {
    const done = progress.tasks[status.dataset.taskStatus as SandboxTaskId] === true;
    status.dataset.done = String(done);
    const shown = status.querySelector('[data-task-text]');
    if (shown) shown.textContent = done ? 'Done ✓' : 'Not done yet';
    const hidden = status.querySelector('[data-task-hidden]');
    if (hidden) hidden.textContent = done ? 'Task status: done.' : 'Task status: not done yet.';
  }
}

render(loadProgress());
window.addEventListener(progressEvent, (event) => render((event as CustomEvent<Progress>).detail));
window.addEventListener('storage', () => render(loadProgress()));
