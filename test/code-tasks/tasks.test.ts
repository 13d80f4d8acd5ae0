/**
 * Every code task judged against real CPython Flask (test/python/wsgi_app_server.py): the handout's
 * app is "not done" with the sentence the learner needs, the task's solution is "done".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handoutFiles } from '../../src/lib/code-tasks/handout.ts';
import { codeTasks } from '../../src/lib/code-tasks/index.ts';
import { type RealFlaskApp, startRealFlask } from '../helpers/real-flask-app.ts';

const expectedMissing: Record<string, RegExp> = {
  'new-secret-key': /cookie signed with the handout's key still loads/,
  'forget-me': /POST \/forget answered 404/,
  'forget-colour': /POST \/forget-colour answered 404/,
  'show-colour': /does not show it/,
  'flash-on-store': /flashes no message that names it/,
  'logout-message': /Logging out says nothing/,
  'five-minute-session': /expires 31 days after it was signed/,
  'key-fallbacks': /New cookies are still signed with the handout's key/,
};

let running: RealFlaskApp | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

it('has at least seven tasks with unique ids, each with a solution that changes the handout', () => {
  expect(codeTasks.length).toBeGreaterThanOrEqual(7);
  expect(new Set(codeTasks.map((task) => task.id)).size).toBe(codeTasks.length);
  for (const task of codeTasks) {
    const changed = Object.entries(task.solution).filter(
      ([file, text]) => text !== handoutFiles[file as keyof typeof handoutFiles],
    );
    expect(changed.length, task.id).toBeGreaterThan(0);
  }
});

describe.each(codeTasks.map((task) => [task.id, task] as const))('%s', (id, task) => {
  it("is not done on the handout's app, and says what is missing", async () => {
    running = await startRealFlask(handoutFiles);
    const result = await task.check(running.send);
    expect(result.done).toBe(false);
    expect(result.missing).toMatch(expectedMissing[id] ?? /^$/);
  });

  it('is done with its solution', async () => {
    running = await startRealFlask({ ...handoutFiles, ...task.solution });
    expect(await task.check(running.send)).toEqual({ done: true });
  });
});
