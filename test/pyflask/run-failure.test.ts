/** The change strip's sentences when the learner's app did not load, or raised on a request. */
import { describe, expect, it } from 'vitest';
import { loadFailure, requestFailure } from '../../src/lib/pyflask/run-failure.ts';

describe('loadFailure', () => {
  it('names the error and its line, then what to do', () => {
    expect(
      loadFailure({
        kind: 'traceback',
        message: "SyntaxError: '(' was never closed",
        file: 'flask_app.py',
        line: 12,
      }),
    ).toBe(
      "Your app did not load: SyntaxError on line 12 of flask_app.py (SyntaxError: '(' was never closed). Fix it and press Run.",
    );
  });

  it('an error with no line of the learner, a stop after the time limit', () => {
    expect(loadFailure({ kind: 'traceback', message: 'NameError: flask_app.py has no `app`' })).toBe(
      'Your app did not load: NameError (NameError: flask_app.py has no `app`). Fix it and press Run.',
    );
    expect(
      loadFailure({ kind: 'timeout', message: 'your code ran longer than 5 s, so it was stopped' }),
    ).toBe('Your app did not load: your code ran longer than 5 s, so it was stopped. Fix it and press Run.');
  });
});

describe('requestFailure', () => {
  it('says the app raised, so the answer is a 500, and where the traceback is', () => {
    expect(
      requestFailure({
        kind: 'traceback',
        message: "NameError: name 'sesion' is not defined",
        file: 'flask_app.py',
        line: 9,
      }),
    ).toBe(
      "Your app raised NameError on line 9 of flask_app.py (NameError: name 'sesion' is not defined), so Flask answered 500. The traceback is in the Code tab.",
    );
    expect(requestFailure({ kind: 'memory', message: 'MemoryError' })).toBe(
      'Your app did not answer: MemoryError, so the answer is a 500. Fix it and press Run.',
    );
  });
});
