import { z } from 'astro/zod';
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
  furtherReading: [
    { title: 'Flask: Sessions', url: 'https://flask.palletsprojects.com/en/stable/quickstart/#sessions' },
  ],
};

const link = (url: string) => ({ title: 'A page', url });

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

  describe('furtherReading', () => {
    it('accepts one to six https links', () => {
      const six = Array.from({ length: 6 }, (_, index) => link(`https://example.org/${index}`));
      expect(problems({ ...valid, furtherReading: six })).toEqual([]);
    });

    it('is required on every step', () => {
      const { furtherReading: _, ...withoutReading } = valid;
      expect(problems(withoutReading)).toEqual([expect.stringMatching(/^furtherReading: /)]);
    });

    it('rejects an empty list or more than six links, saying how many are allowed', () => {
      expect(problems({ ...valid, furtherReading: [] })).toEqual([
        'furtherReading: List at least one page the step draws on, such as the Flask documentation page it explains.',
      ]);
      const seven = Array.from({ length: 7 }, (_, index) => link(`https://example.org/${index}`));
      expect(problems({ ...valid, furtherReading: seven })).toEqual([
        'furtherReading: List at most six pages; keep the ones the step draws on most.',
      ]);
    });

    it('rejects addresses that are not https, naming the link', () => {
      for (const url of ['http://flask.palletsprojects.com/', 'javascript:alert(1)', 'flask docs', '']) {
        expect(problems({ ...valid, furtherReading: [link(url)] }), url).toEqual([
          'furtherReading.0.url: Use the full https:// address of the page, for example https://flask.palletsprojects.com/….',
        ]);
      }
    });

    it('rejects a link without a title', () => {
      expect(problems({ ...valid, furtherReading: [{ url: 'https://example.org/' }] })).toEqual([
        expect.stringMatching(/^furtherReading\.0\.title: /),
      ]);
    });
  });

  it('describes every field, so authors can read what each one means', () => {
    const undescribed: string[] = [];
    const visit = (schema: z.ZodType, path: string) => {
      if (!schema.description) undescribed.push(path);
      const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
      if (inner instanceof z.ZodObject)
        for (const [key, field] of Object.entries(inner.shape)) visit(field as z.ZodType, `${path}.${key}`);
      if (inner instanceof z.ZodArray) visit(inner.element as z.ZodType, `${path}[]`);
    };
    visit(lessonSchema, 'lesson');
    expect(undescribed).toEqual([]);
  });
});
