#!/usr/bin/env python3
"""Answers session-cookie questions with the real Flask, one JSON object per line.

Runs under any Python with Flask: the machine's `python3` (Flask 3.1) and Debian's /usr/bin/python3
(python3-flask, Flask 2.2). Reads requests on stdin, writes one JSON answer per request on stdout
(ASCII, flushed). Numbers travel as Python's json has them: 3.0 is a float, NaN/Infinity allowed. Session values use the oracle's tag convention
({"$tuple": [...]}, {"$bytes": "..."}, {"$markup": "..."}, {"$uuid": "..."}, {"$datetime": "..."},
{"$dict": {...}}); see shared/flask-oracle/README.md.

  {"op": "sign", "secret": S, "session": {...}, "timestamp": N, "salt"?: S}
      -> {"cookie": "..."}   (URLSafeTimedSerializer.dumps, as save_session signs)
  {"op": "load", "secret": S, "cookie": C, "max_age"?: N, "now"?: N, "salt"?: S}
      -> {"ok": true, "session": {...}} or {"ok": false, "error": "BadSignature"|..., "exception": X}
  {"op": "respond", "secret": S, "cookie"?: C, "action": A, "session"?: {...}, "now": N,
   "fallbacks"?: [S], "partitioned"?: bool}
      -> {"set_cookie": [...], "vary": "..."|null, "status": N, "body": "..."}   one real request
      through the test client; A is store (update with session), permanent (store and make
      permanent), clear, read (get), contains ('x' in session), len, or nothing.
  {"op": "version"} -> {"flask": "3.1.3"}
"""
import importlib.metadata
import base64
import datetime
import json
import sys
import uuid

import flask
import flask.sessions
import itsdangerous
from itsdangerous.timed import TimestampSigner
from markupsafe import Markup
from werkzeug.http import http_date, parse_date

MARKERS = ("$tuple", "$bytes", "$markup", "$uuid", "$datetime", "$dict")


def from_conv(v):
    if isinstance(v, list):
        return [from_conv(x) for x in v]
    if not isinstance(v, dict):
        return v
    if len(v) == 1 and next(iter(v)) in MARKERS:
        ((k, x),) = v.items()
        if k == "$tuple":
            return tuple(from_conv(i) for i in x)
        if k == "$bytes":
            return base64.b64decode(x, validate=True)
        if k == "$markup":
            return Markup(x)
        if k == "$uuid":
            return uuid.UUID(x)
        if k == "$datetime":
            d = parse_date(x)
            return d if d.tzinfo else d.replace(tzinfo=datetime.timezone.utc)
        return {kk: from_conv(vv) for kk, vv in x.items()}
    return {k: from_conv(x) for k, x in v.items()}


def to_conv(v):
    if isinstance(v, tuple):
        return {"$tuple": [to_conv(x) for x in v]}
    if isinstance(v, bytes):
        return {"$bytes": base64.b64encode(v).decode("ascii")}
    if callable(getattr(v, "__html__", None)):
        return {"$markup": str(v.__html__())}
    if isinstance(v, uuid.UUID):
        return {"$uuid": str(v)}
    if isinstance(v, datetime.datetime):
        return {"$datetime": http_date(v)}
    if isinstance(v, list):
        return [to_conv(x) for x in v]
    if isinstance(v, dict):
        d = {k: to_conv(x) for k, x in v.items()}
        return {"$dict": d} if len(d) == 1 and next(iter(d)) in MARKERS else d
    return v


class Clock:
    """The time Flask sees: itsdangerous timestamps and the permanent-session expiry."""

    now = None


_orig_get_timestamp = TimestampSigner.get_timestamp
TimestampSigner.get_timestamp = lambda self: int(Clock.now) if Clock.now is not None else _orig_get_timestamp(self)


class FixedDatetime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        if Clock.now is None:
            return datetime.datetime.now(tz)
        return datetime.datetime.fromtimestamp(Clock.now, tz)


flask.sessions.datetime = FixedDatetime  # save_session computes Expires with datetime.now(timezone.utc)


FLASK_VERSION = importlib.metadata.version("flask")


def make_app(secret, salt=None, fallbacks=None, partitioned=False):
    app = flask.Flask("flask_session_helper")
    app.secret_key = secret
    app.config["SECRET_KEY_FALLBACKS"] = fallbacks or []  # Flask 3.1 reads it; 2.2 ignores it
    app.config["SESSION_COOKIE_PARTITIONED"] = partitioned
    if salt is not None:
        app.session_interface.salt = salt
    return app


def op_sign(req):
    Clock.now = req["timestamp"]
    app = make_app(req["secret"], req.get("salt"))
    # Inside a request context, as in save_session: flask.json then sorts keys like the app does.
    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
        return {"cookie": serializer.dumps(from_conv(req["session"]))}


def op_load(req):
    Clock.now = req.get("now")
    app = make_app(req["secret"], req.get("salt"), req.get("fallbacks"))
    try:
        with app.test_request_context():
            serializer = app.session_interface.get_signing_serializer(app)
            data = serializer.loads(req["cookie"], max_age=req.get("max_age"))
    except Exception as e:
        cat = next((c for c in (itsdangerous.SignatureExpired, itsdangerous.BadSignature,
                                itsdangerous.BadPayload) if isinstance(e, c)), type(e))
        return {"ok": False, "error": cat.__name__, "exception": type(e).__name__}
    return {"ok": True, "session": to_conv(data)}


def op_respond(req):
    Clock.now = req["now"]
    app = make_app(req["secret"], fallbacks=req.get("fallbacks"), partitioned=req.get("partitioned", False))
    action = req["action"]

    @app.route("/")
    def index():
        if action in ("store", "permanent"):
            flask.session.update(from_conv(req.get("session", {})))
        if action == "permanent":
            flask.session.permanent = True
        if action == "clear":
            flask.session.clear()
        if action == "read":
            flask.session.get("anything")
        if action == "contains":
            return json.dumps("firstName" in flask.session)
        if action == "len":
            return json.dumps(len(flask.session))
        return json.dumps(to_conv(dict(flask.session))) if action == "show" else ""

    client = app.test_client()
    if req.get("cookie"):
        if FLASK_VERSION.startswith("2."):
            client.set_cookie("localhost", "session", req["cookie"])
        else:
            client.set_cookie("session", req["cookie"])
    try:
        resp = client.get("/")
    except RecursionError:  # Flask's own failure on a too deeply nested session (a 500 in a server)
        return {"set_cookie": [], "vary": None, "status": 500, "body": "RecursionError"}
    return {
        "set_cookie": resp.headers.getlist("Set-Cookie"),
        "vary": resp.headers.get("Vary"),
        "status": resp.status_code,
        "body": resp.get_data(as_text=True),
    }


OPS = {
    "sign": op_sign,
    "load": op_load,
    "respond": op_respond,
    "version": lambda req: {"flask": FLASK_VERSION},
}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            answer = OPS[req["op"]](req)
        except Exception as e:  # report, keep serving
            answer = {"helper_error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
