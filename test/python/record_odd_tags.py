# Records how Flask's TaggedJSONSerializer loads oddly tagged payloads (a learner can forge any),
# for test/flask-session/odd-tags-flask.test.ts. Run with /usr/bin/python3 (Flask 2.2).
import json
import sys

sys.path.insert(0, sys.path[0])
from flask.json.tag import TaggedJSONSerializer  # noqa: E402
from flask_session_helper import to_conv  # noqa: E402

values = {
    " d": ["", "Wed, 21 Oct 2015 07:28:00 GMT", "garbage", [], [1], {}, {"a": 1}, 0, 1, None, False, True,
           {" b": ""}, {" b": "YQ=="}, {" m": ""}, {" m": "Wed, 21 Oct 2015 07:28:00 GMT"}, {" t": []}, {" t": [1]},
           {" u": "12345678123456781234567812345678"}],
    " t": [[1, 2], "ab", {"a": 1, "b": 2}, {" b": "YWI="}, {" m": "xy"}, 5, None, [], {" t": []}],
    " b": ["YQ==", "YQ", "Y Q = =", {" m": "YQ=="}, {" b": "WVE9PQ=="}, 5, "\u00e9", None],
    " u": ["12345678123456781234567812345678", "{12345678-1234-5678-1234-567812345678}",
           "urn:uuid:12345678-1234-5678-1234-567812345678", "-0000000000000000000000000000000",
           "-0000000000000000000000000000001", "0x000000000000000000000000000001",
           "1234_678123456781234567812345678", "1234567812345678123456781234567", "g2345678123456781234567812345678",
           5, {" m": "12345678123456781234567812345678"}],
    " di": [{"ab  ": 1}, {"x": 1, "y": 2}, {}, 5, []],
    " m": [5, None, [1], "<b>"],
}
out = []
s = TaggedJSONSerializer()
for tag, cases in values.items():
    for v in cases:
        payload = json.dumps({"v": {tag: v}}, separators=(",", ":"))
        try:
            out.append([payload, {"ok": to_conv(s.loads(payload))}])
        except Exception as e:
            out.append([payload, {"error": type(e).__name__}])
print(json.dumps(out))
