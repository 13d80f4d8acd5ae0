"""Runs what the lessons claim about Flask under this Python's real Flask and prints what happened.

Input (stdin): JSON with code taken from the lessons: {"secret_check", "testing", "own_types",
  "private_pages", "host_config"} (each a Python block as the lesson shows it).
Output (stdout): one JSON object of findings; test/site/lesson-claims-flask.test.ts reads it.
Run with python3 (Flask 3.1 here) or /usr/bin/python3 (Flask 2.2).
"""
import importlib.metadata
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'sandbox', 'apps'))

import itsdangerous  # noqa: E402
from flask import Flask, session  # noqa: E402

import flask_app  # noqa: E402  (the handout's app; the lessons' tests import it as `app`)

DEMO_KEY = 'w98fw9ef8hwe98fhwef'


def make_app(**config):
    app = Flask(__name__)
    app.secret_key = DEMO_KEY
    app.config.update(config)
    return app


def set_cookie(response):
    return response.headers.get('Set-Cookie')


def session_accesses():
    """Which headers a page sends when it only checks the session with `in` or `len()`."""
    app = make_app()
    app.add_url_rule('/in', 'in', lambda: str('firstName' in session))
    app.add_url_rule('/len', 'len', lambda: str(len(session)))
    client = app.test_client()
    return {path: client.get(path).headers.get('Vary') for path in ('/in', '/len')}


def storing_cookie(**config):
    app = make_app(**config)

    def store():
        session['a'] = 1
        return 'stored'

    app.add_url_rule('/store', 'store', store)
    return set_cookie(app.test_client().get('/store', base_url='http://example.com'))


def prefixed_env_number():
    """FLASK_SECRET_KEY=1234567890 through from_prefixed_env, then a request that stores."""
    os.environ['FLASK_SECRET_KEY'] = '1234567890'
    try:
        app = Flask(__name__)
        app.config.from_prefixed_env()
    finally:
        del os.environ['FLASK_SECRET_KEY']
    app.config['PROPAGATE_EXCEPTIONS'] = True

    def store():
        session['a'] = 1
        return 'stored'

    app.add_url_rule('/store', 'store', store)
    try:
        app.test_client().get('/store')
        error = None
    except Exception as caught:  # the lesson names the exception's type
        error = type(caught).__name__
    return {'type': type(app.config['SECRET_KEY']).__name__, 'error': error}


def secret_check(code):
    """Runs the lesson's start-up check with FLASK_SECRET_KEY missing, a number, short and real."""
    import secrets

    results = {}
    for label, value in [('missing', None), ('number', '1234567890'), ('short', 'dev'),
                         ('token_hex', secrets.token_hex())]:
        os.environ.pop('FLASK_SECRET_KEY', None)
        if value is not None:
            os.environ['FLASK_SECRET_KEY'] = value
        try:
            exec(code, {'Flask': Flask, '__name__': 'lesson_app'})
            results[label] = 'started'
        except RuntimeError as refused:
            results[label] = f'RuntimeError: {refused}'
        finally:
            os.environ.pop('FLASK_SECRET_KEY', None)
    return results


def changes_tracked():
    """Whether each way of changing the session sends a new cookie."""
    operations = {
        'assign': lambda: session.__setitem__('b', 2),
        'del': lambda: session.__delitem__('a'),
        'pop': lambda: session.pop('a'),
        'clear': lambda: session.clear(),
        'update': lambda: session.update(b=2),
        'setdefault adds': lambda: session.setdefault('b', []),
        'setdefault finds': lambda: session.setdefault('a', 0),
        'append inside': lambda: session['cart'].append('apple'),
        'get': lambda: session.get('a'),
    }
    app = make_app()

    def seed():
        session.update(a=1, cart=[])
        return 'seeded'

    app.add_url_rule('/seed', 'seed', seed)
    for name, operation in operations.items():
        app.add_url_rule(f'/op/{name}', name, lambda operation=operation: (operation(), 'done')[1])
    found = {}
    for name in operations:
        client = app.test_client()
        client.get('/seed')
        found[name] = set_cookie(client.get(f'/op/{name}')) is not None
    return found


def same_second():
    """Two stores at the same (frozen) second: same name, then another name."""
    app = make_app()

    def store(name):
        session['firstName'] = name
        return 'stored'

    app.add_url_rule('/store/<name>', 'store', store)
    client = app.test_client()
    original = itsdangerous.TimestampSigner.get_timestamp
    itsdangerous.TimestampSigner.get_timestamp = lambda self: 1700000000
    try:
        first, again, other = (
            set_cookie(client.get(f'/store/{name}')).split(';')[0].split('=', 1)[1]
            for name in ('Ada', 'Ada', 'Bob')
        )
    finally:
        itsdangerous.TimestampSigner.get_timestamp = original
    return {
        'same name, same cookie': first == again,
        'other name, same timestamp': first.split('.')[1] == other.split('.')[1],
        'other name, other signature': first.split('.')[2] != other.split('.')[2],
    }


def lesson_tests(code):
    """Runs the lesson's two test functions against the handout's app."""
    sys.modules['app'] = flask_app
    namespace = {}
    exec(code, namespace)
    results = {}
    for name, test in namespace.items():
        if name.startswith('test_') and callable(test):
            try:
                test()
                results[name] = 'passed'
            except AssertionError as failed:
                results[name] = f'failed {failed!r}'
    return results


def own_types(code):
    """The lesson's dataclass round trip, stored in one request and read back in the next."""
    app = make_app()
    namespace = {'session': session}

    def store():
        exec(code, namespace)
        return 'stored'

    def read():
        return repr(namespace['Cart'](**session['cart']))

    app.add_url_rule('/store', 'store', store)
    app.add_url_rule('/read', 'read', read)
    client = app.test_client()
    stored = client.get('/store')
    return {
        'sent a cookie': set_cookie(stored) is not None,
        'read back': client.get('/read').get_data(as_text=True),
        'same request': repr(namespace.get('cart')),
    }


def private_pages(code):
    """The lesson's after_request hook, for a signed-in and a signed-out visitor."""
    app = make_app()
    exec(code, {'app': app, 'session': session})

    def login():
        session['user_id'] = 1
        return 'in'

    app.add_url_rule('/login', 'login', login)
    app.add_url_rule('/page', 'page', lambda: 'page')
    signed_out = app.test_client().get('/page').headers.get('Cache-Control')
    client = app.test_client()
    client.get('/login')
    return {'signed in': client.get('/page').headers.get('Cache-Control'), 'signed out': signed_out}


def host_prefixed(code):
    """The lesson's __Host- settings, storing {"firstName": "Phill"} at 1700000000."""
    app = Flask(__name__)
    app.secret_key = DEMO_KEY
    exec(code, {'app': app})

    def store():
        session['firstName'] = 'Phill'
        return 'stored'

    def show():
        return json.dumps(dict(session))

    app.add_url_rule('/store', 'store', store)
    app.add_url_rule('/show', 'show', show)
    original = itsdangerous.TimestampSigner.get_timestamp
    itsdangerous.TimestampSigner.get_timestamp = lambda self: 1700000000
    try:
        header = set_cookie(app.test_client().get('/store', base_url='https://localhost'))
    finally:
        itsdangerous.TimestampSigner.get_timestamp = original
    return {'set-cookie': header}


def other_apps_cookie():
    """App B receives app A's cookie (another key); then B stores; then with its own cookie name."""
    a = make_app()
    b = Flask(__name__)
    b.secret_key = 'another-apps-key'

    def store_a():
        session['firstName'] = 'Ada'
        return 'a'

    def store_b():
        session['cart'] = ['apple']
        return 'b'

    a.add_url_rule('/store', 'store', store_a)
    b.add_url_rule('/store', 'store', store_b)
    b.add_url_rule('/show', 'show', lambda: json.dumps(dict(session)))
    cookie_a = set_cookie(a.test_client().get('/store')).split(';')[0]
    seen_by_b = b.test_client().get('/show', headers={'Cookie': cookie_a}).get_data(as_text=True)
    b_writes = set_cookie(b.test_client().get('/store', headers={'Cookie': cookie_a}))
    b.config['SESSION_COOKIE_NAME'] = 'shop_session'
    b_named = set_cookie(b.test_client().get('/store', headers={'Cookie': cookie_a}))
    return {'B sees': seen_by_b, 'B writes': b_writes, 'B with its own name': b_named}


def debugger(arguments):
    """`flask --app failing <arguments>` on a free port, reloader and all, as a learner runs it:
    the banner's debug mode, whether a failing view shows the console, and whether a PIN is printed."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, 'failing.py'), 'w') as source:
            source.write('from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\n'
                         'def index():\n    raise ValueError("on purpose")\n')
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            port = probe.getsockname()[1]
        env = {key: value for key, value in os.environ.items() if not key.startswith(('FLASK_', 'WERKZEUG_'))}
        # Its own process group, so the reloader's child stops with it.
        server = subprocess.Popen(
            [sys.executable, '-m', 'flask', '--app', 'failing', *arguments, '--port', str(port)],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
            start_new_session=True,
        )
        page = ''
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f'http://127.0.0.1:{port}/', timeout=2)
                except urllib.error.HTTPError as error:
                    page = error.read().decode()
                    break
                except OSError:
                    time.sleep(0.1)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            output = server.communicate(timeout=10)[0]
    return {
        'banner': 'on' if 'Debug mode: on' in output else 'off',
        'debugger page': 'Werkzeug Debugger' in page,
        'console allowed': 'EVALEX = true' in page,
        'pin printed': 'Debugger PIN' in output,
    }


def debug_run():
    """The lesson's `--debug run`; where the banner says off, also `run --debug` (Flask 2.3+ only)."""
    found = {'click': importlib.metadata.version('click'), 'lesson form': debugger(['--debug', 'run'])}
    if found['lesson form']['banner'] == 'off':
        found['run --debug'] = debugger(['run', '--debug'])
    return found


def dotenv_read():
    """Whether the flask command loads .env (only when python-dotenv is installed)."""
    try:
        import dotenv  # noqa: F401
    except ImportError:
        return {'python-dotenv installed': False}
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, '.env'), 'w') as env_file:
            env_file.write('FLASK_SECRET_KEY=from-the-env-file\n')
        with open(os.path.join(folder, 'keyed.py'), 'w') as source:
            source.write('import sys\nfrom flask import Flask\napp = Flask(__name__)\n'
                         'app.config.from_prefixed_env()\nprint("KEY", app.config.get("SECRET_KEY"), '
                         'file=sys.stderr)\n')
        env = {key: value for key, value in os.environ.items() if key != 'FLASK_SECRET_KEY'}
        done = subprocess.run([sys.executable, '-m', 'flask', '--app', 'keyed', 'routes'], cwd=folder,
                              capture_output=True, text=True, timeout=60, env=env)
    return {'python-dotenv installed': True, 'key read': 'KEY from-the-env-file' in done.stderr}


def main():
    blocks = json.load(sys.stdin)
    app = make_app()
    print(json.dumps({
        'flask': importlib.metadata.version('flask'),
        'vary when only checked': session_accesses(),
        'cookie with SERVER_NAME': storing_cookie(SERVER_NAME='example.com'),
        'cookie with PARTITIONED': storing_cookie(SESSION_COOKIE_PARTITIONED=True),
        'from_prefixed_env number': prefixed_env_number(),
        'secret check': secret_check(blocks['secret_check']),
        'changes tracked': changes_tracked(),
        'same second': same_second(),
        'lesson tests': lesson_tests(blocks['testing']),
        'own types': own_types(blocks['own_types']),
        'private pages': private_pages(blocks['private_pages']),
        'host prefixed': host_prefixed(blocks['host_config']),
        'another app': other_apps_cookie(),
        'svg autoescaped': app.select_jinja_autoescape('page.svg'),
        'debugger': debug_run(),
        'dotenv': dotenv_read(),
    }))


if __name__ == '__main__':
    main()
