/** One line of the lesson's Jinja snippet, and which part of the `{% if %}` it is. */
export interface TemplateLine {
  text: string;
  /** 'test': the `{% if %}` line; 'if': inside the branch; 'end': `{% endif %}`. */
  part: 'test' | 'if' | 'end';
}

/**
 * Cuts the lesson's `{% if 'firstName' in session %} … {% endif %}` block out of the app's template.
 * Returns no lines when the template lacks it.
 * @example templateLines("<p>{% if 'firstName' in session %}\n Hi\n{% endif %}</p>").map((l) => l.part) // ['test', 'if', 'end']
 */
export function templateLines(html: string): TemplateLine[] {
  const start = html.indexOf("{% if 'firstName' in session %}");
  const end = html.indexOf('{% endif %}', start);
  if (start === -1 || end === -1) return [];
  const lines = html.slice(start, end + '{% endif %}'.length).split('\n');
  return lines.map((text, index) => ({
    text,
    part: index === 0 ? 'test' : index === lines.length - 1 ? 'end' : 'if',
  }));
}
