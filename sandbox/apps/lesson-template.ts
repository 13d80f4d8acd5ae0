/**
 * The lesson's Jinja snippet, `{% if 'firstName' in session %} … {% endif %}`, cut from the Flask
 * app's own template and rendered with the session, as Flask's render_template would.
 */
import { compileTemplate } from '../web/pages.ts';
import { lessonTemplate } from './app-source.ts';

const lesson = compileTemplate(lessonTemplate);

/** The snippet's HTML for a session (a null-prototype object of printable values). */
export function renderLesson(session: Record<string, string>): string {
  return lesson.render({ session });
}
