"""Writes test/fixtures/flask31-vectors.json: cookies and headers made by the real Flask 3.1.

Run with the machine's python3 (Flask 3.1.3, itsdangerous 2.2.0, Werkzeug 3.1.x):
    python3 test/python/make_flask31_vectors.py > test/fixtures/flask31-vectors.json
Session values use the oracle's tag convention (see flask_session_helper.py); numbers are written
by Python's json (3.0, 1e+16, NaN, Infinity, exact big ints), so the file is Python-flavoured JSON.
"""
import importlib.metadata as metadata
import json
import sys
import zlib

import flask
from itsdangerous import encoding

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import flask_session_helper as helper  # noqa: E402  (the same Flask set-up the live tests use)

NOW = 1700000000
SECRET = "w98fw9ef8hwe98fhwef"

NUMBER_SESSIONS = {
    "integral float 3.0": {"x": 3.0},
    "float 1e16 and 1e21": {"a": 1e16, "b": 1e21, "c": 1e15},
    "small floats 1e-07, 0.1": {"a": 1e-07, "b": 0.1, "c": -2.5e-300},
    "negative zero": {"z": -0.0},
    "NaN and infinities": {"n": float("nan"), "p": float("inf"), "m": float("-inf")},
    "ints beyond 2^53": {"a": 2**53 + 1, "b": -(10**30), "c": 123456789012345678901234567890},
    "numbers in tuples and lists": {"t": (3.0, 2**64, [1e22, -0.0])},
    "integer-like keys": {"4294967294": 1, "4294967295": 2, "10": 3, "2": 4, "a": 5, "007": 6},
}

# JSON texts Flask never writes but loads: the loaded session, signed again, is what Flask sends.
LOAD_PAYLOADS = {
    "di tag reads its first key in source order": '{"x":{" di":{"name__":1,"4294967294":2}}}',
    "di tag with a key one past the last array index": '{"x":{" di":{"name__":1,"4294967295":2}}}',
    "di tag whose first key is index-like": '{"x":{" di":{"12":1,"name__":2}}}',
    "tuple of a dict iterates keys in source order": '{"x":{" t":{"z":1,"4000000000":2,"3":3}}}',
    "float lexemes stay floats": '{"a":1.0,"b":1E2,"c":-0.0,"d":5e-1}',
    "int lexemes stay ints of any size": '{"a":10000000000000000000001,"b":-0,"c":9007199254740993}',
    "NaN and Infinity literals": '{"a":NaN,"b":-Infinity,"c":Infinity}',
}


def sign_vector(name, session):
    cookie = helper.op_sign({"secret": SECRET, "session": helper.to_conv(session), "timestamp": NOW})["cookie"]
    return {"name": name, "secret": SECRET, "timestamp": NOW, "session": helper.to_conv(session), "cookie": cookie}


def load_vector(name, payload):
    app = helper.make_app(SECRET)
    helper.Clock.now = NOW
    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
        body = b"." + encoding.base64_encode(zlib.compress(payload.encode()))
        cookie = serializer.make_signer().sign(body)  # TimestampSigner: the helper pins its clock to NOW
        session = serializer.loads(cookie.decode())
        resigned = serializer.dumps(session)
    return {"name": name, "secret": SECRET, "payload": payload, "cookie": cookie.decode(),
            "session": helper.to_conv(session), "resigned": resigned}


HEADER_CASES = [
    {"action": "contains"},
    {"action": "len"},
    {"action": "nothing"},
    {"action": "store"},
    {"action": "permanent"},
    {"action": "clear"},
    {"action": "store", "partitioned": True},
]


def header_vector(case):
    request = {"secret": "dev", "now": NOW, "session": {"firstName": "Phill"}, **case}
    answer = helper.op_respond(request)
    return {**case, "set_cookie": answer["set_cookie"], "vary": answer["vary"]}


def main():
    versions = {name: metadata.version(name) for name in ("flask", "itsdangerous", "werkzeug")}
    out = {
        "generated_by": f"test/python/make_flask31_vectors.py with Python {sys.version.split()[0]}, "
        + ", ".join(f"{k} {v}" for k, v in versions.items()),
        "now": NOW,
        "sign": [sign_vector(name, s) for name, s in NUMBER_SESSIONS.items()],
        "load": [load_vector(name, p) for name, p in LOAD_PAYLOADS.items()],
        "headers": [header_vector(case) for case in HEADER_CASES],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    assert flask  # imported for the version check below
    main()
