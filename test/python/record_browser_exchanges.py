"""Records requests and real Flask's answers to them, for the page's exchange builder's tests.

Runs sandbox/apps/flask_app.py (the handout's app) under this Python's Flask (3.1.3 here) with the
signing time frozen, keeps the cookie as a browser would, and prints one JSON entry per request:
{"request": {"method", "path", "body", "cookie"}, "response": {"status", "headers"}}.
Run: python3 test/python/record_browser_exchanges.py > test/fixtures/browser-flask-exchanges.json
"""
import json
import os
import sys
from urllib.parse import urlencode

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'sandbox', 'apps'))

import itsdangerous  # noqa: E402
from flask_app import app  # noqa: E402

NOW = 1796637600  # 2026-12-07 11:20:00 UTC
itsdangerous.TimestampSigner.get_timestamp = lambda self: NOW

STEPS = [
    ('GET', '/', None),
    ('POST', '/store', {'firstName': 'Ada'}),
    ('GET', '/', None),
    ('POST', '/flash', {'firstName': 'Ada'}),
    ('GET', '/', None),
    ('POST', '/store', {'firstName': 'A' * 300}),
    ('POST', '/permanent', None),
    ('POST', '/clear', None),
]


def main():
    client = app.test_client(use_cookies=False)
    cookie = None
    out = []
    for method, path, form in STEPS:
        headers = {'Cookie': f'session={cookie}'} if cookie else {}
        body = urlencode(form) if form else ''
        response = client.open(
            path,
            method=method,
            data=body,
            headers=headers,
            content_type='application/x-www-form-urlencoded' if form else None,
        )
        for header in response.headers.getlist('Set-Cookie'):
            value = header.split(';', 1)[0].split('=', 1)[1]
            cookie = None if 'Max-Age=0' in header else value
        out.append(
            {
                'request': {'method': method, 'path': path, 'body': body, 'cookie': headers.get('Cookie')},
                'response': {'status': response.status_code, 'headers': [list(h) for h in response.headers.items()]},
            }
        )
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
