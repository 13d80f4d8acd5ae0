/**
 * The 500 page the framed app shows when the learner's code raises is the one Flask sends, byte for
 * byte: written out here (from Flask 3.1.3's test client), and compared with each machine's Flask.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../src/lib/pyflask/error-response.ts';
import { FLASK_PYTHONS, flaskUnavailable, REQUIRE_FLASK } from '../flask-session/flask-helper.ts';

const raised = { kind: 'traceback', message: "NameError: name 'sesion' is not defined", line: 9 } as const;

/** A view that raises, asked once through Flask's test client: the page's bytes and headers as JSON. */
const askFlask = [
  'import json',
  'from flask import Flask',
  'app = Flask("raises")',
  '@app.route("/")',
  'def index():',
  '    raise NameError("sesion")',
  'app.logger.disabled = True',
  'answer = app.test_client().get("/")',
  'print(json.dumps({"status": answer.status, "body": answer.get_data(as_text=True),',
  '    "type": answer.headers["Content-Type"], "length": answer.headers["Content-Length"]}))',
].join('\n');

describe('errorResponse', () => {
  it("is Werkzeug's 500 page, without the traceback (the Code tab shows that beside the frame)", () => {
    const response = errorResponse({
      ...raised,
      traceback: 'Traceback (most recent call last):\n  File "flask_app.py", line 9',
    });
    expect(response.status).toBe(500);
    expect(response.statusText).toBe('INTERNAL SERVER ERROR');
    expect(response.body).toBe(
      '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n' +
        '<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n',
    );
    expect(response.headers).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', '265'],
    ]);
    expect(response.body).not.toContain('Traceback');
    expect(response.error).toMatchObject({ line: 9, message: raised.message });
  });

  for (const flaskPython of FLASK_PYTHONS) {
    const unavailable = flaskUnavailable(flaskPython);
    const title = `is the page Flask ${flaskPython.version} sends (${flaskPython.python})`;
    if (unavailable && REQUIRE_FLASK) {
      it(`${title}: Flask is installed (REQUIRE_FLASK=1)`, () => {
        throw new Error(`REQUIRE_FLASK=1 but ${unavailable}`);
      });
      continue;
    }
    if (unavailable) console.warn(`[skipped] ${title}: ${unavailable}`);
    it.skipIf(unavailable !== undefined)(title, () => {
      const flask = JSON.parse(execFileSync(flaskPython.python, ['-c', askFlask], { encoding: 'utf8' }));
      const ours = errorResponse(raised);
      expect(`${ours.status} ${ours.statusText}`).toBe(flask.status);
      expect(ours.body).toBe(flask.body);
      expect(ours.headers).toEqual([
        ['Content-Type', flask.type],
        ['Content-Length', flask.length],
      ]);
    });
  }
});
