/**
 * What the last Run of the Code tab came to, for the change strip: whether the learner's app loaded,
 * and which exchanges it failed on (a 500 with a traceback). Kept small and apart from the Code
 * tab's own scripts, which load only when Code is opened, so the strip never waits for them.
 */
import { loadFailure, requestFailure } from '../../lib/pyflask/run-failure.ts';
import type { FlaskRunError } from '../../lib/pyflask/types.ts';

/** Fired on `window` when a Run ends; the strip redraws. */
export const codeRunEvent = 'session-lab:code-run';

/** The last Run: its app loaded, or did not (`sentence` says why); `at` is when, Unix ms. */
export type CodeRun = { loaded: true; at: number } | { loaded: false; at: number; sentence: string };

let lastRun: CodeRun | undefined;
const failedRequests = new Map<string, string>();

/** Records how a Run ended: `error` when the app did not load. */
export function reportRun(error?: FlaskRunError, at = Date.now()): void {
  lastRun = error ? { loaded: false, at, sentence: loadFailure(error) } : { loaded: true, at };
  window.dispatchEvent(new CustomEvent(codeRunEvent, { detail: lastRun }));
}

export function lastCodeRun(): CodeRun | undefined {
  return lastRun;
}

/** Records that the exchange `id` is the app's error answer, before it reaches the timeline. */
export function noteFailedRequest(id: string, error: FlaskRunError): void {
  failedRequests.set(id, requestFailure(error));
}

/** The sentence for an exchange the app failed on, if it did. */
export function failureOf(id: string): string | undefined {
  return failedRequests.get(id);
}
