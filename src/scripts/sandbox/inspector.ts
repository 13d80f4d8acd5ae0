import { lineRanges } from '../../lib/inspector/format.ts';
import { taskDoneOnStep } from '../../lib/inspector/tasks.ts';
import {
  latestOfEngine,
  openByDefault,
  previousOfEngine,
  timelineLimit,
  unchangedText,
} from '../../lib/inspector/timeline.ts';
import type { Exchange } from '../../lib/inspector/types.ts';
import { recordTask } from '../../lib/progress.ts';
import type { SandboxTaskId } from '../../schemas/lesson.ts';
import { loadProgress, updateProgress } from '../progress-store.ts';
import { inspectorShownEvent, openExchangeEvent } from './inspector-link.ts';
import { renderExchange } from './render-exchange.ts';
import {
  clearTimeline,
  droppedCount,
  exchangeSteps,
  getTimeline,
  readFrame,
  type TimelineChange,
  timelineEvent,
} from './timeline-store.ts';

const root = document.querySelector<HTMLElement>('[data-inspector]');
const list = root?.querySelector<HTMLOListElement>('[data-inspector-list]');
const live = root?.querySelector<HTMLElement>('[data-inspector-live]');
/** Entries the learner opened; the newest entry (and the POST that redirected to it) is always open. */
const opened = new Set<string>();
/** Entries the learner has looked at (opened by hand or from a link): tasks about looking count them. */
const inspected = new Set<string>();
const currentStep = document.querySelector<HTMLElement>('[data-current-step]')?.dataset.currentStep;
/** The sandbox task this step asks for, if any. */
const stepTask = document.querySelector<HTMLElement>('.sandbox-task[data-task]')?.dataset.task as
  | SandboxTaskId
  | undefined;
const historyNote = root?.querySelector<HTMLElement>('[data-history-note]');
const sub = root?.dataset.subheading === 'h4' ? 'h4' : 'h5';

/** Marks the Flask lines and the template branch that ran for `exchange` (a Flask one: the code shown is Flask's). */
function markCode(exchange: Exchange | undefined): void {
  if (exchange && exchange.engine !== 'flask') return;
  // The code view is built by the page (one [data-line] per line); only attributes change here.
  for (const line of document.querySelectorAll<HTMLElement>('[data-flask-code] [data-line]')) {
    line.toggleAttribute('data-ran', !!exchange?.codeLines.includes(Number(line.dataset.line)));
  }
  const caption = document.querySelector('[data-code-caption]');
  if (caption) {
    caption.textContent = exchange
      ? `Highlighted: lines ${lineRanges(exchange.codeLines) || 'none'}, for ${exchange.method} ${exchange.path}.`
      : 'Use the app: the lines that run are highlighted here.';
  }
  const branch = exchange?.templateBranch;
  for (const line of document.querySelectorAll<HTMLElement>('[data-template-line]')) {
    const ran = line.dataset.templateLine !== 'if' || branch === 'if';
    line.dataset.state = branch ? (ran ? 'ran' : 'skipped') : '';
  }
  const branchText = document.querySelector('[data-branch-caption]');
  if (branchText) {
    branchText.textContent = !branch
      ? 'This response rendered no template.'
      : branch === 'if'
        ? "The {% if %} branch ran: 'firstName' is in the session, so the page printed it, escaped."
        : "The {% if %} test was false: 'firstName' is not in the session, so nothing was printed.";
  }
}

/** Rebuilds the timeline list, newest first, keeping open the entries the learner (or the default) opened. */
function render(timeline: Exchange[]): void {
  if (!list) return;
  const items: HTMLLIElement[] = [];
  const openIds = openByDefault(timeline);
  for (let i = timeline.length - 1; i >= 0; i--) {
    const exchange = timeline[i];
    items.push(
      renderExchange(
        exchange,
        previousOfEngine(timeline, i),
        openIds.has(exchange.id) || opened.has(exchange.id),
        sub,
        unchangedText(timeline, i),
      ),
    );
  }
  // One replaceChildren: the list changes in a single DOM update, so screen readers see no half-built list.
  list.replaceChildren(...items);
  root?.toggleAttribute('data-empty', timeline.length === 0);
  if (historyNote) {
    const dropped = droppedCount();
    historyNote.textContent = timeline.length
      ? `Kept in this browser: your newest ${timelineLimit} requests at most${dropped ? `; ${dropped} older ${dropped === 1 ? 'one was' : 'ones were'} dropped` : ''}.`
      : '';
  }
  markCode(latestOfEngine(timeline, 'flask'));
}

/** Records newly passed tasks in the learner's progress; returns what to announce. */
function checkTasks(timeline: Exchange[]): string {
  // Only this step's task, judged on what the learner did on this step: each step counts its own.
  if (!currentStep || !stepTask || loadProgress().tasks[stepTask]) return '';
  const steps = exchangeSteps();
  if (!taskDoneOnStep(stepTask, timeline, (id) => steps[id], currentStep, inspected)) return '';
  updateProgress((progress) => recordTask(progress, stepTask, currentStep));
  return ` Task done: ${stepTask.replaceAll('-', ' ')}.`;
}

if (root && list) {
  // Track the learner's own opening and closing (a click or Enter/Space on a summary), not the
  // programmatic `open` that re-rendering sets, which also fires `toggle`.
  list.addEventListener('click', (event) => {
    const details = (event.target as Element).closest('summary')?.parentElement as HTMLDetailsElement | null;
    const id = details?.dataset.exchange;
    if (!details || !id) return;
    const opening = !details.open;
    if (opening) {
      opened.add(id);
      inspected.add(id);
      const tasks = checkTasks(getTimeline());
      if (live && tasks) live.textContent = tasks.trim();
    } else opened.delete(id);
    const timeline = getTimeline();
    markCode(
      timeline.find((exchange) => exchange.id === id && opening && exchange.engine === 'flask') ??
        latestOfEngine(timeline, 'flask'),
    );
  });
  root.querySelector('[data-inspector-clear]')?.addEventListener('click', () => {
    opened.clear();
    clearTimeline();
    if (live) live.textContent = 'History cleared.';
  });
  window.addEventListener(timelineEvent, (event) => {
    const { timeline, added } = (event as CustomEvent<TimelineChange>).detail;
    render(timeline);
    const newest = added.at(-1);
    const tasks = checkTasks(timeline);
    if (live && newest)
      live.textContent = `${newest.method} ${newest.path}: ${newest.status}. ${newest.summary}${tasks}`;
  });
  // Unfolding the inspector, or opening its tab, shows its newest entries open: the learner has
  // looked at them. Not while it is out of sight (a fold open from the start in a hidden tab).
  const fold = root.closest<HTMLDetailsElement>('details');
  const lookedAt = () => {
    if (!fold?.open || fold.closest('[hidden]')) return;
    for (const id of openByDefault(getTimeline())) inspected.add(id);
    const tasks = checkTasks(getTimeline());
    if (live && tasks) live.textContent = tasks.trim();
  };
  fold?.addEventListener('toggle', lookedAt);
  window.addEventListener(inspectorShownEvent, lookedAt);
  window.addEventListener(openExchangeEvent, (event) => {
    const timeline = getTimeline();
    const id = (event as CustomEvent<string | undefined>).detail ?? timeline.at(-1)?.id;
    const fold = root.closest<HTMLDetailsElement>('details');
    if (fold) fold.open = true;
    if (id) {
      opened.add(id);
      inspected.add(id);
    }
    render(timeline);
    const tasks = checkTasks(timeline);
    if (live && tasks) live.textContent = tasks.trim();
    const target = list.querySelector<HTMLDetailsElement>(`[data-exchange="${CSS.escape(id ?? '')}"]`);
    const summary =
      target?.querySelector<HTMLElement>('summary') ?? root.querySelector<HTMLElement>('h2, h3');
    summary?.scrollIntoView({ block: 'start' });
    summary?.focus({ preventScroll: true });
  });
  render(getTimeline());
  checkTasks(getTimeline());
}

// Every app frame reports its exchanges when it loads; one may have loaded before this script ran.
for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-sandbox-frame]')) {
  frame.addEventListener('load', () => readFrame(frame));
  if (frame.contentDocument?.readyState === 'complete') readFrame(frame);
}
