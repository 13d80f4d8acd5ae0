import { mergeExchanges, parseExchanges } from '../../lib/inspector/timeline.ts';
import type { Exchange } from '../../lib/inspector/types.ts';

const storageKey = 'session-lab:sandbox-timeline';
/** Fired on `window` with the whole timeline and the records just added, after every change. */
export const timelineEvent = 'session-lab:sandbox-timeline';
export interface TimelineChange {
  timeline: Exchange[];
  added: Exchange[];
}

/** This tab's sandbox exchanges, oldest first (sessionStorage: they follow the learner from step to step). */
export function loadTimeline(): Exchange[] {
  try {
    return parseExchanges(sessionStorage.getItem(storageKey));
  } catch {
    return [];
  }
}

function save(timeline: Exchange[], added: Exchange[]): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(timeline));
  } catch {
    // Storage full or blocked: the timeline then lasts for this page only.
  }
  window.dispatchEvent(new CustomEvent<TimelineChange>(timelineEvent, { detail: { timeline, added } }));
}

let current = loadTimeline();

export const getTimeline = (): Exchange[] => current;

/** Adds records read from an app page; announces only those not seen before. */
export function addExchanges(incoming: Exchange[]): void {
  const known = new Set(current.map((exchange) => exchange.id));
  const added = incoming.filter((exchange) => !known.has(exchange.id));
  if (!added.length) return;
  current = mergeExchanges(current, added);
  save(current, added);
}

export function clearTimeline(): void {
  current = [];
  save(current, []);
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
