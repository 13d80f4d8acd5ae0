import { describe, expect, it } from 'vitest';
import { taskHelp } from '../../src/lib/task-help.ts';
import { sandboxTaskIds } from '../../src/schemas/lesson.ts';
import { exchange } from '../inspector/exchange-fixture.ts';

describe('taskHelp', () => {
  it('has a hint, a "show me" solution, a tool and a "still missing" line for every task id', () => {
    expect(Object.keys(taskHelp).sort()).toEqual([...sandboxTaskIds].sort());
    for (const id of [...sandboxTaskIds, 'see-flash', 'replay-old-cookie'] as const) {
      const help = taskHelp[id];
      expect(help.hint.length, id).toBeGreaterThan(20);
      expect(help.solution.length, id).toBeGreaterThan(1);
      expect(help.toolLabel, id).toMatch(/^(Go to|Open)/);
      expect(help.missing([]), id).toMatch(/\S/);
    }
  });
  it('says what is missing from what the learner did', () => {
    const named = exchange({ session: { status: 'valid', before: {}, after: { firstName: 'Ada' } } });
    expect(taskHelp['tamper-rejected'].missing([])).toMatch(/^store a first name first/);
    expect(taskHelp['tamper-rejected'].missing([named])).toMatch(/^no edited cookie has been sent yet/);
    expect(taskHelp['start-over'].missing([named])).toBe('press Start over in the app.');
  });
});
