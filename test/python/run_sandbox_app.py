"""Runs sandbox/apps/flask_app.py under real Flask's test client and prints what it answered.

Input (argv[1]): JSON {"now": <Unix seconds, optional: freezes the signing time>,
  "cookie": <a session cookie value to start with, optional>,
  "config": <app.config entries to set first, optional, e.g. {"SECRET_KEY_FALLBACKS": [...]}>,
  "steps": [{"method": "GET"|"POST", "path": "/store", "form": {...}}]}
Output (stdout): a JSON list, one entry per step:
  {"status", "setCookie": [...], "vary", "location", "body"}.
Cookies are kept by hand (not by the test client's jar) so the behaviour is the same on every
Werkzeug version. Needs Flask: run with python3 (Flask 3.1 here) or /usr/bin/python3 (Flask 2.2).
"""
import json
import os
import sys
from http.cookies import SimpleCookie

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'sandbox', 'apps'))

import itsdangerous  # noqa: E402
from flask_app import app  # noqa: E402


def main():
    spec = json.loads(sys.argv[1])
    if spec.get('now') is not None:
        now = int(spec['now'])
        # Freeze the signing time so cookie values can be compared byte for byte.
        itsdangerous.TimestampSigner.get_timestamp = lambda self: now
    app.config.update(spec.get('config', {}))
    jar = {}
    if spec.get('cookie'):
        jar['session'] = spec['cookie']
    client = app.test_client(use_cookies=False)
    out = []
    for step in spec['steps']:
        headers = {}
        if jar:
            headers['Cookie'] = '; '.join(f'{k}={v}' for k, v in jar.items())
        if step['method'] == 'GET':
            response = client.get(step['path'], headers=headers)
        else:
            response = client.post(step['path'], data=step.get('form', {}), headers=headers)
        set_cookies = response.headers.getlist('Set-Cookie')
        for header in set_cookies:
            parsed = SimpleCookie()
            parsed.load(header)
            for name, morsel in parsed.items():
                if morsel.value == '' or morsel['max-age'] == '0':
                    jar.pop(name, None)
                else:
                    jar[name] = morsel.value
        entry = {
            'status': response.status_code,
            'setCookie': set_cookies,
            'vary': response.headers.get('Vary'),
            'location': response.headers.get('Location'),
        }
        entry['body'] = response.get_data(as_text=True)
        out.append(entry)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
