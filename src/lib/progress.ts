import type { SandboxTaskId } from '../schemas/lesson.ts';

/**
 * A learner's progress, kept in their own browser (localStorage), never on the server.
 * Every function here is pure; `src/scripts/progress-store.ts` does the storing.
 */
export interface Progress {
  version: 1;
  /** The answer chosen per step slug, and whether it was right. */
  answers: Record<string, { choice: number; correct: boolean }>;
  /** Sandbox tasks the sandbox has seen the learner complete. */
  tasks: Partial<Record<SandboxTaskId, true>>;
  /** The slug of the step the learner last opened. */
  lastVisited?: string;
}

/** What the course needs to know about one step to judge its state. */
export interface StepRef {
  slug: string;
  task?: SandboxTaskId;
}

export type StepState = 'not-started' | 'in-progress' | 'complete';

export const emptyProgress = (): Progress => ({ version: 1, answers: {}, tasks: {} });

/**
 * Reads stored progress; anything unreadable (missing, corrupt, another version) is a fresh start.
 * @example parseProgress(null) // { version: 1, answers: {}, tasks: {} }
 */
export function parseProgress(raw: string | null | undefined): Progress {
  if (!raw) return emptyProgress();
  try {
    const value: unknown = JSON.parse(raw);
    if (!isRecord(value) || value.version !== 1) return emptyProgress();
    const answers: Progress['answers'] = {};
    if (isRecord(value.answers)) {
      for (const [slug, answer] of Object.entries(value.answers)) {
        if (isRecord(answer) && Number.isInteger(answer.choice) && typeof answer.correct === 'boolean') {
          answers[slug] = { choice: answer.choice as number, correct: answer.correct };
        }
      }
    }
    const tasks: Progress['tasks'] = {};
    if (isRecord(value.tasks)) {
      for (const [task, done] of Object.entries(value.tasks))
        if (done === true) tasks[task as SandboxTaskId] = true;
    }
    const lastVisited = typeof value.lastVisited === 'string' ? value.lastVisited : undefined;
    return { version: 1, answers, tasks, ...(lastVisited ? { lastVisited } : {}) };
  } catch {
    return emptyProgress();
  }
}

export function recordAnswer(progress: Progress, slug: string, choice: number, correct: boolean): Progress {
  return { ...progress, answers: { ...progress.answers, [slug]: { choice, correct } } };
}

export function recordTask(progress: Progress, task: SandboxTaskId): Progress {
  return { ...progress, tasks: { ...progress.tasks, [task]: true } };
}

export function recordVisit(progress: Progress, slug: string): Progress {
  return { ...progress, lastVisited: slug };
}

/**
 * A step is complete when its question was answered correctly and its sandbox task (if any) is done;
 * in progress when either has been started or it was visited.
 */
export function stepState(progress: Progress, step: StepRef): StepState {
  const answeredRight = progress.answers[step.slug]?.correct === true;
  const taskDone = step.task === undefined || progress.tasks[step.task] === true;
  if (answeredRight && taskDone) return 'complete';
  const touched =
    progress.answers[step.slug] !== undefined ||
    (step.task !== undefined && progress.tasks[step.task] === true) ||
    progress.lastVisited === step.slug;
  return touched ? 'in-progress' : 'not-started';
}

/**
 * Where "resume" should take the learner: the step they last opened, unless it is complete,
 * in which case the first incomplete step after it. Undefined for a learner who has not started.
 */
export function resumeTarget(progress: Progress, steps: readonly StepRef[]): StepRef | undefined {
  const last = steps.findIndex((step) => step.slug === progress.lastVisited);
  if (last === -1) return undefined;
  if (stepState(progress, steps[last]) !== 'complete') return steps[last];
  return steps.slice(last + 1).find((step) => stepState(progress, step) !== 'complete') ?? steps[last];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
