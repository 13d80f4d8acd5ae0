/**
 * The course's code tasks, in course order. Each is judged by what the learner's app answers to
 * real requests (see types.ts); a new task goes in its own file and in this list.
 */
import { fiveMinuteSession } from './five-minute-session.ts';
import { flashOnStore } from './flash-on-store.ts';
import { forgetColour } from './forget-colour.ts';
import { forgetMe } from './forget-me.ts';
import { keyFallbacks } from './key-fallbacks.ts';
import { logoutMessage } from './logout-message.ts';
import { newSecretKey } from './new-secret-key.ts';
import { showColour } from './show-colour.ts';
import type { CodeTask } from './types.ts';

export type { CheckResult, CodeTask, Send } from './types.ts';

export const codeTasks: readonly CodeTask[] = [
  newSecretKey,
  forgetMe,
  forgetColour,
  showColour,
  flashOnStore,
  logoutMessage,
  fiveMinuteSession,
  keyFallbacks,
];

/** The code tasks of one step, by its slug (none for most steps without a code exercise). */
export function codeTasksOf(step: string): CodeTask[] {
  return codeTasks.filter((task) => task.step === step);
}

/** One task by id, or undefined. */
export function codeTaskById(id: string): CodeTask | undefined {
  return codeTasks.find((task) => task.id === id);
}
