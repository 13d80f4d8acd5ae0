"""Session Lab's WSGI bridge: runs the learner's Flask app inside Pyodide.

The page sends requests as a browser would; this module builds the WSGI environ, calls the app
and hands back status, headers and body as JSON. An error in the learner's code comes back as
the traceback Flask would print, with the failing line of the learner's file.
"""
import importlib
import io
import json
import os
import shutil
import sys
import sysconfig
import traceback

APP_DIR = '/home/pyodide/learner'
MODULE = 'flask_app'

_app = None
_load_error = None
# Whether learner code has run in this Python since Flask was first imported.
_ran = False
# Pyodide names it '//lib/…' while modules say '/lib/…'.
_SITE_PACKAGES = '/' + sysconfig.get_paths()['purelib'].lstrip('/')


def versions():
    """The versions packed (from each package's metadata), for "real Flask 3.1.3 in your browser"."""
    from importlib.metadata import version

    found = {}
    for name in ('flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker'):
        try:
            found[name] = version(name)
        except Exception:
            pass
    found['python'] = '.'.join(str(n) for n in sys.version_info[:3])
    return json.dumps(found)


def _forget_last_run():
    """Each Run starts as a new `flask run` would: the learner's modules go, and after a Run, so do
    Flask and the packages beside it (about 0.6 s to import again), which the learner's code may
    have changed (`flask.session = …` would otherwise outlive the line that did it)."""
    global _ran
    folders = (APP_DIR + '/', _SITE_PACKAGES + '/') if _ran else (APP_DIR + '/',)
    for name in [n for n, m in sys.modules.items() if (getattr(m, '__file__', None) or '').startswith(folders)]:
        del sys.modules[name]
    sys.modules.pop(MODULE, None)
    _ran = True


def load(files_json):
    """Writes the learner's files to their folder and imports flask_app again. Returns JSON: {} or {"error": …}."""
    global _app, _load_error
    files = json.loads(files_json)
    shutil.rmtree(APP_DIR, ignore_errors=True)
    for path, text in files.items():
        full = os.path.normpath(os.path.join(APP_DIR, path))
        if not full.startswith(APP_DIR + '/'):
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)
    if APP_DIR not in sys.path:
        sys.path.insert(0, APP_DIR)
    _forget_last_run()
    importlib.invalidate_caches()
    _app = None
    try:
        module = importlib.import_module(MODULE)
        app = getattr(module, 'app', None)
        if app is None or not callable(app):
            raise NameError("flask_app.py has no `app`: write app = Flask(__name__)")
        _app = app
        _load_error = None
        return json.dumps({})
    except BaseException as error:  # noqa: BLE001 - everything the learner's import raises is shown to them
        _load_error = _error_of(error)
        return json.dumps({'error': _load_error})


def request(request_json):
    """One request to the learner's app. Returns JSON {status, statusText, headers, body[, error]}."""
    req = json.loads(request_json)
    if _app is None:
        error = _load_error or {'kind': 'traceback', 'message': 'The app has not been run yet: press Run.'}
        return json.dumps({'error': error})
    environ = _environ(req)
    started = {}

    def start_response(status, headers, exc_info=None):
        started['status'] = status
        started['headers'] = headers

    # Errors leave the app so this bridge can show them as the development server does with the
    # debugger on, instead of Flask's bare "Internal Server Error".
    _app.config['PROPAGATE_EXCEPTIONS'] = True
    seen = {}
    interface = _app.session_interface
    _app.session_interface = _WatchedSessions(interface, seen)
    try:
        result = _app(environ, start_response)
        try:
            body = b''.join(result)
        finally:
            if hasattr(result, 'close'):
                result.close()
    except BaseException as error:  # noqa: BLE001 - the learner's errors are the lesson
        return json.dumps({'error': _error_of(error)})
    finally:
        _app.session_interface = interface
    code, _, reason = started['status'].partition(' ')
    answer = {
        'status': int(code),
        'statusText': reason,
        'headers': [[name, value] for name, value in started['headers']],
        'body': body.decode('utf-8', 'replace'),
    }
    if 'status' in seen:
        answer['session'] = seen
    return json.dumps(answer, default=repr)


class _WatchedSessions:
    """The app's own session interface, watched: how Flask judged the incoming cookie, and the
    session at the start and the end of the request, for the page's change strip and inspector."""

    def __init__(self, inner, seen):
        self._inner = inner
        self._seen = seen

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def open_session(self, app, request):
        opened = self._inner.open_session(app, request)
        self._seen['status'], key_index = _judged(self._inner, app, request)
        if key_index is not None:
            self._seen['keyIndex'] = key_index
        self._seen['before'] = dict(opened) if opened is not None else {}
        self._seen['after'] = self._seen['before']
        return opened

    def save_session(self, app, session, response):
        self._seen['after'] = dict(session)
        return self._inner.save_session(app, session, response)


def _judged(interface, app, request):
    """What Flask's own serializer makes of the session cookie sent (none, valid, expired,
    bad-signature, bad-payload) and, for a valid one, which key signed it: 0 the current key,
    i the i-th of SECRET_KEY_FALLBACKS (as the server's engine counts them)."""
    value = request.cookies.get(interface.get_cookie_name(app))
    if not value:
        return 'none', None
    from itsdangerous import BadSignature, SignatureExpired

    get_serializer = getattr(interface, 'get_signing_serializer', None)
    serializer = get_serializer(app) if get_serializer else None
    if serializer is None:
        return 'valid', None
    max_age = int(app.permanent_session_lifetime.total_seconds())
    try:
        serializer.loads(value, max_age=max_age)
    except SignatureExpired:
        return 'expired', None
    except BadSignature:
        return 'bad-signature', None
    except Exception:  # noqa: BLE001 - a cookie Flask cannot read is shown as such
        return 'bad-payload', None
    # itsdangerous keeps the current key last; each key alone tells which one signed it.
    keys = list(serializer.secret_keys)
    for index, key in enumerate([keys[-1], *keys[:-1]]):
        serializer.secret_keys = [key]
        try:
            serializer.loads(value, max_age=max_age)
            return 'valid', index
        except Exception:  # noqa: BLE001, S112 - not this key: try the next
            continue
    return 'valid', None


def _environ(req):
    """The WSGI environ (PEP 3333) a server would build for this request."""
    body = (req.get('body') or '').encode('utf-8')
    headers = req.get('headers') or []
    host = next((v for k, v in headers if k.lower() == 'host'), 'localhost')
    name, _, port = host.partition(':')
    environ = {
        'REQUEST_METHOD': req['method'].upper(),
        'SCRIPT_NAME': '',
        # PEP 3333: the path's UTF-8 bytes, each as one latin-1 character.
        'PATH_INFO': req['path'].encode('utf-8').decode('latin-1'),
        'QUERY_STRING': req.get('query') or '',
        'SERVER_NAME': name or 'localhost',
        'SERVER_PORT': port or '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'REMOTE_ADDR': '127.0.0.1',
        'wsgi.version': (1, 0),
        'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(body),
        'wsgi.errors': sys.stderr,
        'wsgi.multithread': False,
        'wsgi.multiprocess': False,
        'wsgi.run_once': False,
        'CONTENT_LENGTH': str(len(body)) if body else '',
    }
    for key, value in headers:
        upper = key.upper().replace('-', '_')
        if upper == 'CONTENT_TYPE':
            environ['CONTENT_TYPE'] = value
        elif upper == 'CONTENT_LENGTH':
            continue
        else:
            header = 'HTTP_' + upper
            # Two headers of one name join with a comma, as servers do (cookies with '; ').
            sep = '; ' if upper == 'COOKIE' else ', '
            environ[header] = environ[header] + sep + value if header in environ else value
    if body and 'CONTENT_TYPE' not in environ:
        environ['CONTENT_TYPE'] = 'application/x-www-form-urlencoded'
    return environ


def _error_of(error):
    """The learner's error: kind, one line, the traceback, and the failing line of their own file."""
    kind = 'memory' if isinstance(error, MemoryError) else 'traceback'
    # The traceback from the learner's side: this bridge's and the import machinery's frames go.
    shown = traceback.TracebackException.from_exception(error)
    shown.stack = traceback.StackSummary.from_list(
        [f for f in shown.stack if f.filename != __file__ and not f.filename.startswith('<frozen') and '/importlib/' not in f.filename]
    )
    text = ''.join(shown.format())
    file, line = None, None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.startswith(APP_DIR + '/'):
            file, line = frame.filename, frame.lineno
    # A syntax error (Python or Jinja) names its file and line itself.
    own_file = getattr(error, 'filename', None)
    if isinstance(own_file, str) and own_file.startswith(APP_DIR + '/') and getattr(error, 'lineno', None):
        file, line = own_file, error.lineno
    message = ''.join(traceback.format_exception_only(type(error), error)).strip().splitlines()[-1]
    result = {'kind': kind, 'message': message, 'traceback': text.replace(APP_DIR + '/', '')}
    if file is not None:
        result['file'] = file[len(APP_DIR) + 1 :]
        result['line'] = line
    return result
