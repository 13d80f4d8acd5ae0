/** The learner's edits, kept per step in localStorage, so each step has its own copy of the app. */
import type { FlaskFiles } from '../../lib/pyflask/types.ts';

const keyOf = (step: string): string => `session-lab:code:${step}`;

/** The files saved for `step`, or undefined (never saved, corrupt, or storage blocked). */
export function loadSavedCode(step: string): FlaskFiles | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(keyOf(step)) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const files = value as Record<string, unknown>;
    const app = files['flask_app.py'];
    const index = files['templates/index.html'];
    if (typeof app !== 'string' || typeof index !== 'string') return undefined;
    return { 'flask_app.py': app, 'templates/index.html': index };
  } catch {
    return undefined;
  }
}

export function saveCode(step: string, files: FlaskFiles): void {
  try {
    localStorage.setItem(keyOf(step), JSON.stringify(files));
  } catch {
    // Storage full or disabled: the edits last for this page only.
  }
}

export function forgetCode(step: string): void {
  try {
    localStorage.removeItem(keyOf(step));
  } catch {
    // Nothing saved to forget.
  }
}
