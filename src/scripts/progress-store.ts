import { type Progress, parseProgress } from '../lib/progress.ts';

const storageKey = 'session-lab:progress';
/** Fired on `window` whenever progress changes, so every widget on the page can refresh. */
export const progressEvent = 'session-lab:progress';

/** The learner's progress from localStorage; a fresh start when storage is blocked or corrupt. */
export function loadProgress(): Progress {
  try {
    return parseProgress(localStorage.getItem(storageKey));
  } catch {
    return parseProgress(null);
  }
}

/** Applies a change to the stored progress and tells the page about it. */
export function updateProgress(change: (progress: Progress) => Progress): Progress {
  const next = change(loadProgress());
  try {
    localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Storage can be full or disabled (private mode); progress then lasts for this page only.
  }
  window.dispatchEvent(new CustomEvent(progressEvent, { detail: next }));
  return next;
}
