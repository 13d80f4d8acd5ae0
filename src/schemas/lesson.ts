import { z } from 'astro/zod';
import { appControls } from '../../sandbox/contract/app-controls.ts';

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
  'log-in-and-out',
  'see-fetch-metadata',
] as const;

export const keyCodeSchema = z
  .object({
    lang: z.enum(codeLanguages).describe('Language used to highlight the code.'),
    code: z.string().trim().min(1).describe('The code the learner writes in this step, exactly.'),
    caption: z.string().trim().min(1).optional().describe('One short line shown under the code.'),
  })
  .describe("The step's key code, shown highlighted and copyable at the top of the step.");

export const answerSchema = z
  .object({
    text: z.string().trim().min(1).describe('The answer as the learner reads it.'),
    correct: z.boolean().describe('Whether this is the right answer; exactly one answer is.'),
    feedback: z
      .string()
      .trim()
      .min(1)
      .describe('Shown when the learner picks this answer: why it is right or wrong.'),
  })
  .describe('One answer of the question, with its own feedback.');

export const questionSchema = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(1)
      .describe('The question, saying what it assumes (for example which file the template is in).'),
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
    controls: z
      .array(
        z
          .enum(appControls, {
            error: `Name one of the app's controls: ${appControls.join(', ')}.`,
          })
          .describe(`One of the app's controls: ${appControls.join(', ')}.`),
      )
      .min(1, 'List at least one control, such as [store], or leave `controls` out to show them all.')
      .refine((names) => new Set(names).size === names.length, 'List each control once.')
      .optional()
      .describe(
        'The app controls this step uses, shown first in the sandbox app; the others wait under "More actions". Leave it out to show every control.',
      ),
  })
  .describe('The task the learner does in the live sandbox beside this step.');

export const readingLinkSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .describe("The page's title as the learner reads it in the list."),
    url: z
      .url({
        protocol: /^https$/,
        error: 'Use the full https:// address of the page, for example https://flask.palletsprojects.com/….',
      })
      .describe("The page's address; https only."),
  })
  .describe('One page to read next: a title and its https address.');

export const furtherReadingSchema = z
  .array(readingLinkSchema)
  .min(1, 'List at least one page the step draws on, such as the Flask documentation page it explains.')
  .max(6, 'List at most six pages; keep the ones the step draws on most.')
  .describe('"Further reading" at the end of the step: the pages it draws on, one to six.');

/** The frontmatter of one lesson file in `lessons/`. */
export const lessonSchema = z
  .object({
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
    sandbox: sandboxSchema.optional().describe('The sandbox task of this step, if it has one.'),
    furtherReading: furtherReadingSchema,
  })
  .describe('The frontmatter of one step of the course.');

export type LessonData = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;
export type SandboxTaskId = (typeof sandboxTaskIds)[number];
export type ReadingLink = z.output<typeof readingLinkSchema>;
