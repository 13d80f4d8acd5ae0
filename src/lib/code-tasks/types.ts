import type { FlaskFiles, WsgiRequest, WsgiResponse } from '../pyflask/types.ts';

/** Runs one request against the learner's app (real Flask, in the browser's worker or in tests). */
export type Send = (request: WsgiRequest) => Promise<WsgiResponse>;

/** A check's verdict: done, or what the learner's app still does not do, in one sentence. */
export interface CheckResult {
  done: boolean;
  missing?: string;
}

/**
 * A code task: the learner edits flask_app.py or its template, and `check` judges the app by what it
 * answers to real requests, never by its source text.
 */
export interface CodeTask {
  /** Unique across the course, e.g. 'new-secret-key'; also the key of its progress. */
  id: string;
  /** The slug of the step that teaches it (lessons/NN-<slug>.md). */
  step: string;
  title: string;
  /** What to do, in a sentence or two. */
  todo: string;
  /** Hints, the gentlest first. */
  hints: string[];
  /** The handout's files with the task done: every file the solution changes, in full. */
  solution: Partial<FlaskFiles>;
  check: (send: Send) => Promise<CheckResult>;
}

export const done: CheckResult = { done: true };

/** A "not yet" verdict. */
export function missing(text: string): CheckResult {
  return { done: false, missing: text };
}
