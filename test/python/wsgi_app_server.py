"""Answers WsgiRequests with real Flask: the test stand-in for the browser's Pyodide runner.

Protocol, one JSON object per line on stdin, one answer per line on stdout:
  first line:  {"files": {"flask_app.py": ..., "templates/index.html": ..., ...}}
               -> {"ok": true} once the app imported, or {"ok": false, "error": "<traceback>"}
  then each:   {"method", "path", "query"?, "headers": [[name, value], ...], "body"?}
               -> {"status", "statusText", "headers": [[name, value], ...], "body"}
The files are written to a temporary folder and imported from there, so every test runs the code
it was given. Cookies are never kept here: the caller sends its own Cookie header, as a browser would.
Needs Flask: run with python3 (Flask 3.1 here).
"""
import importlib.util
import json
import os
import sys
import tempfile
import traceback


def load_app(files):
    folder = tempfile.mkdtemp(prefix='learner-app-')
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
    spec = importlib.util.spec_from_file_location('flask_app', os.path.join(folder, 'flask_app.py'))
    module = importlib.util.module_from_spec(spec)
    sys.modules['flask_app'] = module
    spec.loader.exec_module(module)
    return module.app


def answer(client, request):
    headers = [tuple(pair) for pair in request.get('headers', [])]
    response = client.open(
        request['path'],
        method=request['method'],
        query_string=request.get('query') or None,
        headers=headers,
        data=(request.get('body') or '').encode('utf-8'),
    )
    return {
        'status': response.status_code,
        'statusText': response.status.split(' ', 1)[1] if ' ' in response.status else '',
        'headers': [[name, value] for name, value in response.headers.items()],
        'body': response.get_data(as_text=True),
    }


def main():
    out = sys.stdout
    first = json.loads(sys.stdin.readline())
    try:
        app = load_app(first['files'])
    except Exception:
        out.write(json.dumps({'ok': False, 'error': traceback.format_exc()}) + '\n')
        out.flush()
        return
    # Like a deployed app (and the browser's runner): an exception becomes Flask's 500 page.
    app.testing = False
    client = app.test_client(use_cookies=False)
    out.write(json.dumps({'ok': True}) + '\n')
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        out.write(json.dumps(answer(client, json.loads(line))) + '\n')
        out.flush()


if __name__ == '__main__':
    main()
