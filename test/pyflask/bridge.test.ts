/**
 * The WSGI bridge the browser's worker runs, run for real in Node: Pyodide from node_modules and
 * Flask packed by the build from the machine's python3. Cookies it signs are checked by CPython's Flask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlaskRunError, WsgiRequest, WsgiResponse } from '../../src/lib/pyflask/types.ts';
import type { FlaskInPyodide } from '../../src/scripts/pyflask/flask-in-pyodide.ts';
import {
  FLASK_PYTHONS,
  type FlaskHelper,
  flaskUnavailable,
  startFlaskHelper,
} from '../flask-session/flask-helper.ts';
import { handoutFiles, startNodeFlask } from './node-flask.ts';

const python = FLASK_PYTHONS[0].python;
const handoutKey = 'w98fw9ef8hwe98fhwef';
const form = (body: string, extra: [string, string][] = []): Pick<WsgiRequest, 'headers' | 'body'> => ({
  headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...extra],
  body,
});

let flask: FlaskInPyodide;
let cpython: FlaskHelper;

function ask(request: WsgiRequest): WsgiResponse {
  const answer = flask.request(request);
  if (!('status' in answer)) throw new Error(`the app raised: ${answer.error.message}`);
  return answer;
}

function errorOf(request: WsgiRequest): FlaskRunError {
  const answer = flask.request(request);
  if ('status' in answer) throw new Error(`expected an error, got ${answer.status}`);
  return answer.error;
}

const header = (response: WsgiResponse, name: string) =>
  response.headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);

beforeAll(async () => {
  const unavailable = flaskUnavailable(FLASK_PYTHONS[0]);
  if (unavailable) throw new Error(`The bridge tests need Flask 3.1: ${unavailable} (set FLASK31_PYTHON)`);
  flask = await startNodeFlask(python);
  cpython = startFlaskHelper(python);
}, 120_000);
afterAll(() => cpython?.close());

describe('versions', () => {
  it('names the Flask packed and the Python running it', () => {
    expect(flask.versions.flask).toMatch(/^3\.1\./);
    expect(flask.versions.werkzeug).toMatch(/^\d+\./);
    expect(flask.versions.python).toMatch(/^3\.\d+\.\d+$/);
  });
});

describe("the handout's app", () => {
  beforeAll(() => {
    expect(flask.load(handoutFiles())).toBeUndefined();
  });

  it('answers GET / with the rendered template', () => {
    const page = ask({ method: 'GET', path: '/', headers: [] });
    expect(page.status).toBe(200);
    expect(page.statusText).toBe('OK');
    expect(header(page, 'Content-Type')).toEqual(['text/html; charset=utf-8']);
    expect(page.body).toContain('<h1>Sessions in Flask</h1>');
  });

  it('reads a POSTed form, redirects, and signs a cookie that CPython Flask verifies with the key', async () => {
    const stored = ask({ method: 'POST', path: '/store', ...form('firstName=Ada+L%C3%B6we') });
    expect(stored.status).toBe(302);
    expect(header(stored, 'Location')).toEqual(['/']);
    const [setCookie] = header(stored, 'Set-Cookie');
    expect(setCookie).toMatch(/^session=[^;]+; HttpOnly; Path=\/$/);
    const cookie = setCookie.slice('session='.length).split(';')[0];
    const verified = await cpython.ask({ op: 'load', secret: handoutKey, cookie });
    expect(verified).toEqual({ ok: true, session: { firstName: 'Ada Löwe' } });
    const wrongKey = await cpython.ask({ op: 'load', secret: 'another key', cookie });
    expect(wrongKey.ok).toBe(false);
  });

  it('sends the Cookie header to the app: the session comes back', () => {
    const stored = ask({ method: 'POST', path: '/store', ...form('firstName=Grace') });
    const cookie = header(stored, 'Set-Cookie')[0].split(';')[0];
    const page = ask({ method: 'GET', path: '/', headers: [['Cookie', cookie]] });
    expect(page.body).toContain('Grace');
    const cleared = ask({ method: 'POST', path: '/clear', headers: [['Cookie', cookie]] });
    expect(header(cleared, 'Set-Cookie')[0]).toMatch(
      /^session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0;/,
    );
  });

  it("answers a method the route does not take with 405 and Allow, as Flask's server does", () => {
    const wrong = ask({ method: 'PUT', path: '/store', headers: [] });
    expect(wrong.status).toBe(405);
    expect(header(wrong, 'Allow')[0].split(', ').sort()).toEqual(['OPTIONS', 'POST']);
    expect(ask({ method: 'GET', path: '/nowhere', headers: [] }).status).toBe(404);
  });

  it('answers a wrong password with 401 and the page, with no cookie set', () => {
    const refused = ask({ method: 'POST', path: '/login', ...form('username=ada&password=nope') });
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('Wrong username or password.');
    expect(header(refused, 'Set-Cookie')).toEqual([]);
  });
});

describe("the learner's own code", () => {
  const app = (code: string) => ({
    'flask_app.py': `from flask import Flask, request, session, make_response\napp = Flask(__name__)\napp.secret_key = 'k'\n${code}`,
    'templates/index.html': '<p>{{ 1 + }}</p>\n',
  });

  it('sees the query, the headers and the body as a server passes them', () => {
    expect(
      flask.load(
        app(
          "@app.route('/echo', methods=['GET', 'POST'])\ndef echo():\n" +
            "    r = make_response(f\"{request.method} {request.path} {request.args.get('q')} {request.headers.get('X-Test')} {request.form.get('a')} {request.cookies.get('c')}\")\n" +
            "    r.headers['X-Reply'] = 'yes'\n    r.set_cookie('one', '1')\n    r.set_cookie('two', '2', max_age=60)\n    return r\n",
        ),
      ),
    ).toBeUndefined();
    const answer = ask({
      method: 'POST',
      path: '/echo',
      query: 'q=%C3%A9t%C3%A9',
      ...form('a=b+c', [
        ['X-Test', 'hello'],
        ['Cookie', 'c=3'],
      ]),
    });
    expect(answer.body).toBe('POST /echo été hello b c 3');
    expect(header(answer, 'X-Reply')).toEqual(['yes']);
    expect(header(answer, 'Set-Cookie')).toEqual([
      'one=1; Path=/',
      expect.stringMatching(/^two=2; Expires=[^;]+ GMT; Max-Age=60; Path=\/$/),
    ]);
  });

  it("an exception in a view is a traceback naming the learner's line", () => {
    expect(
      flask.load(app("@app.get('/')\ndef index():\n    session['x'] = sesion\n    return 'ok'\n")),
    ).toBeUndefined();
    const error = errorOf({ method: 'GET', path: '/', headers: [] });
    expect(error).toMatchObject({
      kind: 'traceback',
      message: expect.stringMatching(/^NameError: name 'sesion' is not defined/),
      file: 'flask_app.py',
      line: 6,
    });
    expect(error.traceback).toContain('File "flask_app.py", line 6, in index');
    expect(error.traceback).not.toContain('session_lab_bridge');
  });

  it('a syntax error does not load: its line is named, and a fixed file loads again', () => {
    const error = flask.load(app('def broken(:\n    pass\n'));
    expect(error).toMatchObject({ kind: 'traceback', file: 'flask_app.py', line: 4 });
    expect(error?.message).toMatch(/^SyntaxError/);
    expect(errorOf({ method: 'GET', path: '/', headers: [] }).line).toBe(4);
    expect(flask.load(app("@app.get('/')\ndef index():\n    return 'fixed'\n"))).toBeUndefined();
    expect(ask({ method: 'GET', path: '/', headers: [] }).body).toBe('fixed');
  });

  it("a template's syntax error names the template and its line", () => {
    flask.load(
      app(
        "from flask import render_template\n@app.get('/')\ndef index():\n    return render_template('index.html')\n",
      ),
    );
    expect(errorOf({ method: 'GET', path: '/', headers: [] })).toMatchObject({
      kind: 'traceback',
      file: 'templates/index.html',
      line: 1,
    });
  });

  it('each Run starts afresh: a change made to Flask itself by one Run is gone in the next', () => {
    const patched = app(
      "import flask\nflask.session_lab_mark = 'left by the last Run'\n@app.get('/')\ndef index():\n    return getattr(flask, 'session_lab_mark', 'Flask as packed')\n",
    );
    expect(flask.load(patched)).toBeUndefined();
    expect(ask({ method: 'GET', path: '/', headers: [] }).body).toBe('left by the last Run');
    const plain = app(
      "import flask\n@app.get('/')\ndef index():\n    return getattr(flask, 'session_lab_mark', 'Flask as packed')\n",
    );
    expect(flask.load(plain)).toBeUndefined();
    expect(ask({ method: 'GET', path: '/', headers: [] }).body).toBe('Flask as packed');
  });

  it('running out of memory is an error of kind memory, and the app goes on answering', () => {
    flask.load(
      app(
        "@app.get('/big')\ndef big():\n    return str([0] * (2 ** 30))\n@app.get('/')\ndef index():\n    return 'still here'\n",
      ),
    );
    expect(errorOf({ method: 'GET', path: '/big', headers: [] })).toMatchObject({ kind: 'memory', line: 6 });
    expect(ask({ method: 'GET', path: '/', headers: [] }).body).toBe('still here');
  });
});

describe("how Flask judged the cookie sent (the page's verdict comes from here)", () => {
  const keyed = (key: string, fallbacks: string[] = []) => ({
    'flask_app.py': `from flask import Flask, session\napp = Flask(__name__)\napp.secret_key = '${key}'\napp.config['SECRET_KEY_FALLBACKS'] = ${JSON.stringify(fallbacks)}\n@app.post('/store')\ndef store():\n    session['n'] = 1\n    return 'ok'\n@app.get('/')\ndef index():\n    return str(session.get('n'))\n`,
    'templates/index.html': '',
  });
  const signedWith = (key: string): string => {
    expect(flask.load(keyed(key))).toBeUndefined();
    return header(ask({ method: 'POST', path: '/store', headers: [] }), 'Set-Cookie')[0].split(';')[0];
  };

  it('names the key that signed a valid cookie: 0 the current one, i the i-th fallback', () => {
    const [current, older, old, stranger] = ['now', 'older', 'old', 'stranger'].map(signedWith);
    expect(flask.load(keyed('now', ['older', 'old']))).toBeUndefined();
    const judged = (cookie: string) =>
      ask({ method: 'GET', path: '/', headers: [['Cookie', cookie]] }).session;
    expect(judged(current)).toMatchObject({ status: 'valid', keyIndex: 0, before: { n: 1 } });
    expect(judged(older)).toMatchObject({ status: 'valid', keyIndex: 1 });
    expect(judged(old)).toMatchObject({ status: 'valid', keyIndex: 2 });
    const refused = judged(stranger);
    expect(refused).toMatchObject({ status: 'bad-signature', before: {} });
    expect(refused).not.toHaveProperty('keyIndex');
  });
});
