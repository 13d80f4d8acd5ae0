import { z } from 'astro/zod';

/** Languages a lesson's key code may be written in; each is highlighted by shiki. */
export const codeLanguages = ['python', 'jinja', 'html', 'shell', 'http', 'javascript'] as const;

/**
 * Sandbox tasks a step can ask for. The sandbox checks each one against the learner's real
 * exchanges with the sandbox apps (src/lib/inspector/tasks.ts), so a new id needs a checker there too.
 */
export const sandboxTaskIds = [
  'see-empty-session',
  'store-first-name',
  'tamper-rejected',
  'start-over',
  'change-first-name',
  'escape-markup',
  'compare-engines',
  'make-permanent',
  'see-flash',
  'replay-old-cookie',
] as const;

export const keyCodeSchema = z
  .object({
    lang: z.enum(codeLanguages).describe('Language used to highlight the code.'),
    code: z.string().trim().min(1).describe('The code the learner writes in this step, exactly.'),
    caption: z.string().trim().min(1).optional().describe('One short line shown under the code.'),
  })
  .describe("The step's key code, shown highlighted and copyable at the top of the step.");

export const answerSchema = z.object({
  text: z.string().trim().min(1).describe('The answer as the learner reads it.'),
  correct: z.boolean().describe('Whether this is the right answer; exactly one answer is.'),
  feedback: z
    .string()
    .trim()
    .min(1)
    .describe('Shown when the learner picks this answer: why it is right or wrong.'),
});

export const questionSchema = z
  .object({
    prompt: z.string().trim().min(1).describe('The question.'),
    answers: z.array(answerSchema).min(2).max(6).describe('Two to six answers, exactly one of them correct.'),
  })
  .refine((question) => question.answers.filter((answer) => answer.correct).length === 1, {
    message:
      'Exactly one answer must have `correct: true`. Mark the right answer true and every other answer false.',
    path: ['answers'],
  })
  .describe('"Check your understanding": a question with feedback per answer.');

export const sandboxSchema = z
  .object({
    task: z.enum(sandboxTaskIds).describe('Which sandbox task the step asks for; the sandbox checks it.'),
    instructions: z
      .string()
      .trim()
      .min(1)
      .describe('What the learner does in the sandbox, in a sentence or two.'),
  })
  .describe('The task the learner does in the live sandbox beside this step.');

/** The frontmatter of one lesson file in `lessons/`. */
export const lessonSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .describe('Step title, shown as the page heading and in the step list.'),
  order: z.number().int().min(0).describe('Position in the course, from 0; unique across lessons.'),
  summary: z.string().trim().min(1).max(160).describe('One sentence saying what the step teaches.'),
  keyCode: keyCodeSchema,
  question: questionSchema,
  sandbox: sandboxSchema.optional(),
});

export type LessonData = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;
export type SandboxTaskId = (typeof sandboxTaskIds)[number];
