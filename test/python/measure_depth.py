"""Measures how deep a session may nest before Flask fails, inside a test-client request.

Run with each Python: `python3 test/python/measure_depth.py` (Flask 3.1) and
`/usr/bin/python3 test/python/measure_depth.py` (Flask 2.2). Prints, per container kind, the deepest
nesting under session["x"] that still loads (from a cookie) and still dumps (session["x"] = value).
The engine's LOAD_DEPTH and DUMP_FRAME_BUDGET (sandbox/flask-session/flask-version.ts) come from here.
"""
import json
import logging
import zlib

import flask
from itsdangerous import encoding

logging.disable(logging.CRITICAL)
app = flask.Flask("depth")
app.secret_key = "k"
state = {}


def nested(depth, kind):
    value = 1
    for _ in range(depth):
        value = [value] if kind == "list" else (value,) if kind == "tuple" else {"a": value}
    return value


def text(depth, kind):
    return "[" * depth + "1" + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


@app.route("/load")
def load():
    return json.dumps(len(flask.session))


@app.route("/dump")
def dump():
    flask.session["x"] = nested(state["depth"], state["kind"])
    return "ok"


def cookie_for(payload):
    with app.test_request_context():
        signer = app.session_interface.get_signing_serializer(app).make_signer()
        return signer.sign(b"." + encoding.base64_encode(zlib.compress(payload.encode()))).decode()


def loads_ok(depth, kind):
    client = app.test_client()
    where = ("localhost",) if flask.__version__.startswith("2") else ()
    client.set_cookie(*where, "session", cookie_for('{"x":' + text(depth, kind) + "}"))
    try:
        response = client.get("/load")
    except RecursionError:
        return False
    return response.status_code == 200 and response.data != b"0"


def dumps_ok(depth, kind):
    state.update(depth=depth, kind=kind)
    try:
        return app.test_client().get("/dump").status_code == 200
    except RecursionError:
        return False


def deepest(ok, kind):
    low, high = 1, 3000
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if ok(mid, kind) else (low, mid - 1)
    return low


for kind in ("list", "dict", "tuple"):
    loads = deepest(loads_ok, kind) if kind != "tuple" else "-"
    print(f"Flask {flask.__version__} {kind}: loads under x up to {loads}, dumps up to {deepest(dumps_ok, kind)}")
