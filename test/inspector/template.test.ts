import { describe, expect, it } from 'vitest';
import { templateLines } from '../../src/lib/inspector/template.ts';

describe('templateLines', () => {
  it("cuts the lesson's if block into its test, branch and end lines", () => {
    const html =
      "<h1>Hi</h1>\n{% if 'firstName' in session %}\n   First Name: {{ session['firstName'] }}<br>\n{% endif %}\n<form>";
    expect(templateLines(html)).toEqual([
      { text: "{% if 'firstName' in session %}", part: 'test' },
      { text: "   First Name: {{ session['firstName'] }}<br>", part: 'if' },
      { text: '{% endif %}', part: 'end' },
    ]);
  });
  it('returns no lines when the block is missing', () => {
    expect(templateLines('<p>no template here</p>')).toEqual([]);
  });
});
