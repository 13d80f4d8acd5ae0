import { mergeExchanges, parseExchanges, timelineLimit } from '../../lib/inspector/timeline.ts';
import type { Exchange } from '../../lib/inspector/types.ts';

const storageKey = 'session-lab:sandbox-timeline';
const droppedKey = 'session-lab:sandbox-timeline-dropped';
const stepsKey = 'session-lab:sandbox-exchange-steps';
/** The step page this script runs on (its slug), if it is a step page. */
const pageStep = document.querySelector<HTMLElement>('[data-current-step]')?.dataset.currentStep;
/** Fired on `window` with the whole timeline and the records just added, after every change. */
export const timelineEvent = 'session-lab:sandbox-timeline';
export interface TimelineChange {
  timeline: Exchange[];
  added: Exchange[];
}

/**
 * The learner's sandbox exchanges, oldest first. In localStorage, so they survive closing the
 * browser and follow the learner from step to step; only the newest `timelineLimit` are kept.
 */
export function loadTimeline(): Exchange[] {
  try {
    return parseExchanges(localStorage.getItem(storageKey));
  } catch {
    return [];
  }
}

/** How many older exchanges were dropped to keep the history bounded. */
export function droppedCount(): number {
  try {
    return Number(localStorage.getItem(droppedKey)) || 0;
  } catch {
    return 0;
  }
}

/** The step page (slug) each exchange of the timeline was made on, by exchange id. */
export function exchangeSteps(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(stepsKey) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Remembers the step page the added exchanges were made on; forgets exchanges no longer kept. */
function stepsAfter(timeline: Exchange[], added: Exchange[]): Record<string, string> {
  const known = exchangeSteps();
  const next: Record<string, string> = {};
  for (const { id } of timeline) if (typeof known[id] === 'string') next[id] = known[id];
  if (pageStep) for (const { id } of added) next[id] ??= pageStep;
  return next;
}

function save(timeline: Exchange[], added: Exchange[], dropped: number): void {
  try {
    localStorage.setItem(stepsKey, JSON.stringify(stepsAfter(timeline, added)));
    localStorage.setItem(storageKey, JSON.stringify(timeline));
    localStorage.setItem(droppedKey, String(dropped));
  } catch {
    // Storage full or blocked: the timeline then lasts for this page only.
  }
  window.dispatchEvent(new CustomEvent<TimelineChange>(timelineEvent, { detail: { timeline, added } }));
}

let current = loadTimeline();

export const getTimeline = (): Exchange[] => current;

/** Adds records read from an app page (or a lab answer); announces only those not seen before. */
export function addExchanges(incoming: Exchange[]): void {
  const known = new Set(current.map((exchange) => exchange.id));
  const added = incoming.filter((exchange) => !known.has(exchange.id));
  if (!added.length) return;
  const before = current.length + added.length;
  current = mergeExchanges(current, added, timelineLimit);
  save(current, added, droppedCount() + (before - current.length));
}

export function clearTimeline(): void {
  current = [];
  save(current, [], 0);
}

/** Reads the records an app page embeds, once it has loaded in its frame (same origin). */
export function readFrame(frame: HTMLIFrameElement): void {
  try {
    const script = frame.contentDocument?.querySelector('script[data-sandbox-exchanges]');
    if (script) addExchanges(parseExchanges(script.textContent));
  } catch {
    // Not the sandbox app (e.g. an error page elsewhere): nothing to read.
  }
}

// Another tab may add to the history; keep this page's copy in step.
window.addEventListener('storage', (event) => {
  if (event.key !== storageKey && event.key !== null) return;
  current = loadTimeline();
  window.dispatchEvent(
    new CustomEvent<TimelineChange>(timelineEvent, { detail: { timeline: current, added: [] } }),
  );
});
