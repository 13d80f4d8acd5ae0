import { describe, expect, it } from 'vitest';
import {
  courseComplete,
  emptyProgress,
  hasProgress,
  homeAction,
  parseProgress,
  recordAnswer,
  recordCodeTask,
  recordTask,
  recordVisit,
  resumeTarget,
  type StepRef,
  stepState,
} from '../../src/lib/progress.ts';

const steps: StepRef[] = [
  { slug: 'what-is-a-session', task: 'see-empty-session' },
  { slug: 'the-import', task: 'store-first-name' },
  { slug: 'the-secret-key' },
];

describe('parseProgress', () => {
  it('starts fresh without stored progress', () => {
    expect(parseProgress(null)).toEqual(emptyProgress());
  });
  it('starts fresh from corrupt or foreign data', () => {
    expect(parseProgress('{not json')).toEqual(emptyProgress());
    expect(parseProgress('[1,2]')).toEqual(emptyProgress());
    expect(parseProgress('{"version":2,"answers":{}}')).toEqual(emptyProgress());
  });
  it('keeps valid entries and drops malformed ones', () => {
    const raw = JSON.stringify({
      version: 1,
      answers: { a: { choice: 1, correct: true }, b: { choice: 'x', correct: true } },
      tasks: { 'start-over': true, 'store-first-name': 'yes' },
      lastVisited: 'a',
    });
    expect(parseProgress(raw)).toEqual({
      version: 1,
      answers: { a: { choice: 1, correct: true } },
      tasks: { 'start-over': true },
      lastVisited: 'a',
    });
  });
  it('keeps where tasks were done and which steps were visited, dropping malformed entries', () => {
    const raw = JSON.stringify({
      version: 1,
      answers: {},
      tasks: { 'start-over': true },
      taskSteps: { 'start-over': 'a', 'store-first-name': 'b', 'make-permanent': 3 },
      visited: { a: true, b: 'yes' },
    });
    expect(parseProgress(raw)).toEqual({
      version: 1,
      answers: {},
      tasks: { 'start-over': true },
      taskSteps: { 'start-over': 'a' },
      visited: { a: true },
    });
  });
  it('reads back what the record functions wrote', () => {
    const progress = recordVisit(recordTask(recordAnswer(emptyProgress(), 'a', 2, false), 'start-over'), 'a');
    expect(parseProgress(JSON.stringify(progress))).toEqual(progress);
  });
});

describe('stepState', () => {
  it('is not started for a step never opened', () => {
    expect(stepState(emptyProgress(), steps[0])).toBe('not-started');
  });
  it('is visited once opened, and stays visited after another step is opened', () => {
    const progress = recordVisit(recordVisit(emptyProgress(), 'the-import'), 'the-secret-key');
    expect(stepState(progress, steps[1])).toBe('visited');
  });
  it('stays visited after a wrong answer', () => {
    expect(stepState(recordAnswer(emptyProgress(), 'the-secret-key', 0, false), steps[2])).toBe('visited');
  });
  it('needs the sandbox task as well as the right answer', () => {
    const answered = recordAnswer(emptyProgress(), 'the-import', 1, true);
    expect(stepState(answered, steps[1])).toBe('answered');
    expect(stepState(recordTask(emptyProgress(), 'store-first-name'), steps[1])).toBe('task-done');
    expect(stepState(recordTask(answered, 'store-first-name'), steps[1])).toBe('complete');
  });
  it('remembers the first step a task was done on', () => {
    let progress = recordTask(emptyProgress(), 'store-first-name', 'what-is-a-session');
    progress = recordTask(progress, 'store-first-name', 'the-import');
    expect(progress.taskSteps?.['store-first-name']).toBe('what-is-a-session');
    expect(parseProgress(JSON.stringify(progress))).toEqual(progress);
  });
  it('calls the course complete only when every step is', () => {
    let progress = emptyProgress();
    expect(courseComplete(progress, steps)).toBe(false);
    for (const step of steps) {
      progress = recordAnswer(progress, step.slug, 0, true);
      if (step.task) progress = recordTask(progress, step.task);
    }
    expect(courseComplete(progress, steps)).toBe(true);
  });
  it('completes a step without a task on the right answer alone', () => {
    expect(stepState(recordAnswer(emptyProgress(), 'the-secret-key', 1, true), steps[2])).toBe('complete');
  });
});

describe('resumeTarget', () => {
  it('is undefined before the learner starts', () => {
    expect(resumeTarget(emptyProgress(), steps)).toBeUndefined();
  });
  it('returns the last visited step while it is unfinished', () => {
    expect(resumeTarget(recordVisit(emptyProgress(), 'the-import'), steps)?.slug).toBe('the-import');
  });
  it('moves on to the next unfinished step once the last visited is complete', () => {
    let progress = recordVisit(emptyProgress(), 'what-is-a-session');
    progress = recordTask(recordAnswer(progress, 'what-is-a-session', 0, true), 'see-empty-session');
    expect(resumeTarget(progress, steps)?.slug).toBe('the-import');
  });
  it('ignores a last visited step that no longer exists', () => {
    expect(resumeTarget(recordVisit(emptyProgress(), 'removed-step'), steps)).toBeUndefined();
  });
});

describe('homeAction', () => {
  const finished = () => {
    let progress = emptyProgress();
    for (const step of steps) {
      progress = recordAnswer(recordVisit(progress, step.slug), step.slug, 0, true);
      if (step.task) progress = recordTask(progress, step.task, step.slug);
    }
    return progress;
  };
  it('offers to start the course before the learner starts, and again after a reset', () => {
    expect(homeAction(emptyProgress(), steps)).toEqual({ kind: 'start' });
    expect(homeAction(parseProgress(JSON.stringify(emptyProgress())), steps)).toEqual({ kind: 'start' });
  });
  it('offers to resume at the step the learner left', () => {
    expect(homeAction(recordVisit(emptyProgress(), 'the-import'), steps)).toEqual({
      kind: 'resume',
      step: steps[1],
    });
  });
  it('offers a review, not a resume, once the course is complete', () => {
    expect(homeAction(finished(), steps)).toEqual({ kind: 'review' });
  });
});

describe('hasProgress', () => {
  it('is false for a new or reset learner and true once a step was opened, answered or done', () => {
    expect(hasProgress(emptyProgress())).toBe(false);
    expect(hasProgress(recordVisit(emptyProgress(), 'the-import'))).toBe(true);
    expect(hasProgress(recordAnswer(emptyProgress(), 'the-import', 1, false))).toBe(true);
    expect(hasProgress(recordTask(emptyProgress(), 'store-first-name'))).toBe(true);
  });
});

describe('recordCodeTask', () => {
  const step = { slug: 'the-secret-key', task: 'tamper-rejected' as const, codeTasks: ['new-secret-key'] };

  it("counts a solved code task as the step's task, keeping the sandbox task's own state", () => {
    const solved = recordCodeTask(emptyProgress(), 'new-secret-key');
    expect(stepState(solved, step)).toBe('task-done');
    expect(stepState(recordAnswer(solved, step.slug, 0, true), step)).toBe('complete');
    expect(solved.tasks).toEqual({});
  });

  it('does not count a code task of another step', () => {
    const solved = recordCodeTask(emptyProgress(), 'key-fallbacks');
    expect(stepState(recordAnswer(solved, step.slug, 0, true), step)).toBe('answered');
  });

  it('survives a round trip through storage, and drops what is not `true`', () => {
    const solved = recordCodeTask(emptyProgress(), 'forget-me');
    expect(parseProgress(JSON.stringify(solved)).codeTasks).toEqual({ 'forget-me': true });
    expect(
      parseProgress('{"version":1,"answers":{},"tasks":{},"codeTasks":{"x":1}}').codeTasks,
    ).toBeUndefined();
    expect(hasProgress(solved)).toBe(true);
  });
});
