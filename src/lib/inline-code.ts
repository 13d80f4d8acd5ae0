/** A piece of short lesson text: plain text, or code written between backticks. */
export interface TextPart {
  text: string;
  code: boolean;
}

/**
 * Splits frontmatter text (questions, answers, feedback) on backticks so `code` can be shown as code.
 * Only backticks are read; everything else stays text, which Astro escapes when it renders.
 * @example splitInlineCode('Call `session.clear()` first')
 * // [{ text: 'Call ', code: false }, { text: 'session.clear()', code: true }, { text: ' first', code: false }]
 */
export function splitInlineCode(source: string): TextPart[] {
  const pieces = source.split('`');
  // An odd number of backticks leaves the last one unmatched: keep it as a literal backtick.
  if (pieces.length % 2 === 0) pieces.splice(-2, 2, `${pieces.at(-2)}\`${pieces.at(-1)}`);
  return pieces.map((text, index) => ({ text, code: index % 2 === 1 })).filter((part) => part.text !== '');
}
