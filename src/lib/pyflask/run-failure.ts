/**
 * What the change strip says when the learner's app did not give its own answer: it did not load
 * (a syntax error, an exception at import, a loop stopped), or it raised on a request (a 500 with a
 * traceback). One sentence each, naming the error and its line as Python does. Browser-safe.
 */
import type { FlaskRunError } from './types.ts';

/** "SyntaxError on line 12 of flask_app.py" (or just the error's name, or the whole message for a stop). */
function whatAndWhere(error: FlaskRunError): string {
  if (error.kind !== 'traceback') return error.message;
  const name = /^([A-Za-z_][\w.]*)(?::|$)/.exec(error.message)?.[1] ?? error.message;
  return error.line === undefined
    ? name
    : `${name} on line ${error.line}${error.file ? ` of ${error.file}` : ''}`;
}

/**
 * The strip's sentence for a Run whose app did not load.
 * @example loadFailure({ kind: 'traceback', message: "SyntaxError: '(' was never closed", file: 'flask_app.py', line: 12 })
 * // "Your app did not load: SyntaxError on line 12 of flask_app.py (SyntaxError: '(' was never closed). Fix it and press Run."
 */
export function loadFailure(error: FlaskRunError): string {
  const what = whatAndWhere(error);
  const detail = what === error.message ? '' : ` (${error.message})`;
  return `Your app did not load: ${what}${detail}. Fix it and press Run.`;
}

/**
 * The strip's sentence for a request the app answered with an error instead of its page.
 * @example requestFailure({ kind: 'traceback', message: "NameError: name 'sesion' is not defined", file: 'flask_app.py', line: 9 })
 * // "Your app raised NameError on line 9 of flask_app.py (NameError: name 'sesion' is not defined), so Flask answered 500. The traceback is in the Code tab."
 */
export function requestFailure(error: FlaskRunError): string {
  if (error.kind !== 'traceback')
    return `Your app did not answer: ${error.message}, so the answer is a 500. Fix it and press Run.`;
  const what = whatAndWhere(error);
  const detail = what === error.message ? '' : ` (${error.message})`;
  return `Your app raised ${what}${detail}, so Flask answered 500. The traceback is in the Code tab.`;
}
