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
  /** Where each task was done: the slug of the step page the learner was on ("done earlier, on step N"). */
  taskSteps?: Partial<Record<SandboxTaskId, string>>;
  /** Code tasks (src/lib/code-tasks/) whose check passed on the learner's own code, by id. */
  codeTasks?: Record<string, true>;
  /** Steps the learner has opened, by slug. */
  visited?: Record<string, true>;
  /** The slug of the step the learner last opened. */
  lastVisited?: string;
}

/** What the course needs to know about one step to judge its state. */
export interface StepRef {
  slug: string;
  task?: SandboxTaskId;
  /** The step's code tasks, by id: solving one counts as doing the step's task. */
  codeTasks?: readonly string[];
}

/**
 * A step's state for the step list: opened (visited), its question answered right, its task done, or
 * both (complete).
 */
export type StepState = 'not-started' | 'visited' | 'answered' | 'task-done' | 'complete';

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
    const taskSteps: Progress['taskSteps'] = {};
    if (isRecord(value.taskSteps)) {
      for (const [task, slug] of Object.entries(value.taskSteps))
        if (typeof slug === 'string' && tasks[task as SandboxTaskId]) taskSteps[task as SandboxTaskId] = slug;
    }
    const codeTasks: Record<string, true> = {};
    if (isRecord(value.codeTasks)) {
      for (const [id, solved] of Object.entries(value.codeTasks)) if (solved === true) codeTasks[id] = true;
    }
    const visited: Record<string, true> = {};
    if (isRecord(value.visited)) {
      for (const [slug, seen] of Object.entries(value.visited)) if (seen === true) visited[slug] = true;
    }
    const lastVisited = typeof value.lastVisited === 'string' ? value.lastVisited : undefined;
    return {
      version: 1,
      answers,
      tasks,
      ...(Object.keys(taskSteps).length ? { taskSteps } : {}),
      ...(Object.keys(codeTasks).length ? { codeTasks } : {}),
      ...(Object.keys(visited).length ? { visited } : {}),
      ...(lastVisited ? { lastVisited } : {}),
    };
  } catch {
    return emptyProgress();
  }
}

export function recordAnswer(progress: Progress, slug: string, choice: number, correct: boolean): Progress {
  return { ...progress, answers: { ...progress.answers, [slug]: { choice, correct } } };
}

/** Marks `task` done, on the step page `onStep` (a slug) when known; the first place it was done stays. */
export function recordTask(progress: Progress, task: SandboxTaskId, onStep?: string): Progress {
  const where = progress.taskSteps?.[task] ?? onStep;
  return {
    ...progress,
    tasks: { ...progress.tasks, [task]: true },
    ...(where ? { taskSteps: { ...progress.taskSteps, [task]: where } } : {}),
  };
}

/** Marks the code task `id` solved: its check passed on the learner's code. */
export function recordCodeTask(progress: Progress, id: string): Progress {
  return { ...progress, codeTasks: { ...progress.codeTasks, [id]: true } };
}

export function recordVisit(progress: Progress, slug: string): Progress {
  return { ...progress, visited: { ...progress.visited, [slug]: true }, lastVisited: slug };
}

/**
 * A step is complete when its question was answered correctly and its sandbox task (if any) is done,
 * or one of its code tasks solved (writing the code is at least as much as watching the sandbox);
 * else 'answered' or 'task-done' for one of the two, 'visited' once opened or tried.
 */
export function stepState(progress: Progress, step: StepRef): StepState {
  const answeredRight = progress.answers[step.slug]?.correct === true;
  const codeTaskDone = step.codeTasks?.some((id) => progress.codeTasks?.[id] === true) === true;
  const taskDone = (step.task !== undefined && progress.tasks[step.task] === true) || codeTaskDone;
  if (answeredRight && (taskDone || step.task === undefined)) return 'complete';
  if (answeredRight) return 'answered';
  if (taskDone) return 'task-done';
  const touched =
    progress.answers[step.slug] !== undefined ||
    progress.visited?.[step.slug] === true ||
    progress.lastVisited === step.slug;
  return touched ? 'visited' : 'not-started';
}

/**
 * True once every step is complete: the home page then says the course is done.
 * @example courseComplete(emptyProgress(), []) // false
 */
export function courseComplete(progress: Progress, steps: readonly StepRef[]): boolean {
  return steps.length > 0 && steps.every((step) => stepState(progress, step) === 'complete');
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

/** Whether the learner has done anything yet: opened a step, answered, or finished a task. */
export function hasProgress(progress: Progress): boolean {
  return (
    Object.keys(progress.answers).length > 0 ||
    Object.keys(progress.tasks).length > 0 ||
    Object.keys(progress.codeTasks ?? {}).length > 0 ||
    Object.keys(progress.visited ?? {}).length > 0 ||
    progress.lastVisited !== undefined
  );
}

/** The home page's main button: start, resume at a step, or review once the course is complete. */
export type HomeAction = { kind: 'start' } | { kind: 'resume'; step: StepRef } | { kind: 'review' };

/**
 * What the home page's main button offers this learner.
 * @example homeAction(emptyProgress(), []) // { kind: 'start' }
 */
export function homeAction(progress: Progress, steps: readonly StepRef[]): HomeAction {
  if (courseComplete(progress, steps)) return { kind: 'review' };
  const step = resumeTarget(progress, steps);
  return step ? { kind: 'resume', step } : { kind: 'start' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
