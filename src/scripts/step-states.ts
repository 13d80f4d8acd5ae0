import {
  type HomeAction,
  hasProgress,
  homeAction,
  type Progress,
  type StepRef,
  type StepState,
  stepState,
} from '../lib/progress.ts';
import { withBase } from '../lib/site.ts';
import type { SandboxTaskId } from '../schemas/lesson.ts';
import { loadProgress, progressEvent } from './progress-store.ts';

/** Each state in words, shown beside its icon (the icon alone would say nothing to many). */
export const stateText: Record<StepState, string> = {
  'not-started': 'not started',
  visited: 'visited',
  answered: 'question answered',
  'task-done': 'task done',
  complete: 'complete',
};

/** Marks every step in every step list with the learner's state, and fills in "resume" links. */
function render(progress: Progress): void {
  const items = [...document.querySelectorAll<HTMLElement>('[data-step-slug]')];
  const refs: StepRef[] = [];
  for (const item of items) {
    const ref: StepRef = {
      slug: item.dataset.stepSlug ?? '',
      task: item.dataset.stepTask as SandboxTaskId | undefined,
      codeTasks: item.dataset.stepCodeTasks?.split(' ').filter(Boolean),
    };
    if (!refs.some((known) => known.slug === ref.slug)) refs.push(ref);
    const state = stepState(progress, ref);
    item.dataset.state = state;
    const text = item.querySelector('.step-state-text');
    if (text) text.textContent = stateText[state];
  }
  const action = homeAction(progress, refs);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-resume-link]'))
    showAction(link, action);
  for (const banner of document.querySelectorAll<HTMLElement>('[data-course-complete]'))
    banner.hidden = action.kind !== 'review';
  for (const reset of document.querySelectorAll<HTMLElement>('[data-reset]'))
    reset.hidden = !hasProgress(progress);
}

/** Points the home page's main button at what this learner should do next, in words that say so. */
function showAction(link: HTMLAnchorElement, action: HomeAction): void {
  // The page renders the first step's address; keep it for "start".
  link.dataset.startHref ??= link.getAttribute('href') ?? '';
  if (action.kind === 'resume') {
    const title = document.querySelector(`[data-step-slug="${CSS.escape(action.step.slug)}"] .step-title`);
    link.href = withBase(`/learn/${action.step.slug}/`);
    link.textContent = `Resume where you left off: ${title?.textContent?.trim() ?? action.step.slug}`;
  } else if (action.kind === 'review') {
    link.href = '#course-steps-heading';
    link.textContent = 'Review a step';
  } else {
    link.href = link.dataset.startHref;
    link.textContent = 'Start the course';
  }
}

render(loadProgress());
window.addEventListener(progressEvent, (event) => render((event as CustomEvent<Progress>).detail));
// Another tab may finish a step; keep this page in step with it.
window.addEventListener('storage', () => render(loadProgress()));
