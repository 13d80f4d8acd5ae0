import { describe, expect, it } from 'vitest';
import { type LessonInput, lessonSchema } from '../../src/schemas/lesson.ts';

const valid: LessonInput = {
  title: 'The secret key',
  order: 2,
  summary: 'The key signs the cookie.',
  keyCode: { lang: 'python', code: "app.secret_key = os.environ['SECRET_KEY']" },
  question: {
    prompt: 'What does the key protect against?',
    answers: [
      { text: 'Reading', correct: false, feedback: 'Anyone can read it.' },
      { text: 'Forging', correct: true, feedback: 'Only the key can sign.' },
    ],
  },
  sandbox: { task: 'tamper-rejected', instructions: 'Tamper with the cookie.' },
};

/** The zod issue paths and messages, as Astro prints them next to the file name. */
function problems(input: unknown): string[] {
  const result = lessonSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('lessonSchema', () => {
  it('accepts a complete lesson', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('accepts a lesson without a sandbox task or caption', () => {
    const { sandbox: _, ...withoutSandbox } = valid;
    expect(problems(withoutSandbox)).toEqual([]);
  });

  it('names a missing field', () => {
    const { summary: _, ...withoutSummary } = valid;
    expect(problems(withoutSummary)).toEqual([expect.stringMatching(/^summary: /)]);
  });

  it('names a field of the wrong type', () => {
    expect(problems({ ...valid, order: 'two' })).toEqual([expect.stringMatching(/^order: .*number/i)]);
  });

  it('rejects an unknown code language, naming the nested field', () => {
    const bad = { ...valid, keyCode: { lang: 'ruby', code: 'puts 1' } };
    expect(problems(bad)).toEqual([expect.stringMatching(/^keyCode\.lang: /)]);
  });

  it('rejects an unknown sandbox task', () => {
    const bad = { ...valid, sandbox: { task: 'fly', instructions: 'Fly.' } };
    expect(problems(bad)).toEqual([expect.stringMatching(/^sandbox\.task: /)]);
  });

  it('rejects a question with no correct answer and says how to fix it', () => {
    const answers = valid.question.answers.map((answer) => ({ ...answer, correct: false }));
    expect(problems({ ...valid, question: { ...valid.question, answers } })).toEqual([
      'question.answers: Exactly one answer must have `correct: true`. Mark the right answer true and every other answer false.',
    ]);
  });

  it('rejects a question with two correct answers', () => {
    const answers = valid.question.answers.map((answer) => ({ ...answer, correct: true }));
    expect(problems({ ...valid, question: { ...valid.question, answers } })).toHaveLength(1);
  });

  it('rejects an answer without feedback', () => {
    const answers = [valid.question.answers[0], { text: 'Forging', correct: true }];
    expect(problems({ ...valid, question: { ...valid.question, answers } })).toEqual([
      expect.stringMatching(/^question\.answers\.1\.feedback: /),
    ]);
  });

  it('rejects a negative or fractional order', () => {
    expect(problems({ ...valid, order: -1 })).toHaveLength(1);
    expect(problems({ ...valid, order: 1.5 })).toHaveLength(1);
  });

  it('rejects blank text', () => {
    expect(problems({ ...valid, title: '   ' })).toEqual([expect.stringMatching(/^title: /)]);
  });
});
