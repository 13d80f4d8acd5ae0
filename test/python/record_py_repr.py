# Records repr()/str() answers for test/flask-session/py-repr-python.test.ts (run with /usr/bin/python3).
import json, base64, uuid, datetime
from markupsafe import Markup
def conv(v):
    if isinstance(v, list): return [conv(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (k, x), = v.items()
            if k == '$tuple': return tuple(conv(i) for i in x)
            if k == '$bytes': return base64.b64decode(x)
            if k == '$markup': return Markup(x)
            if k == '$uuid': return uuid.UUID(x)
            if k == '$datetime': return datetime.datetime.fromtimestamp(x, datetime.timezone.utc)
        return {k: conv(x) for k, x in v.items()}
    return v
cases = [
 None, True, False, 0, 42, -7, 0.1, 1.5, -2.25, 1e-07, 123456789.125,
 "", "plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there", "line\nbreak\r",
 "\x00\x1f\x7f", "caf\u00e9", "\u00a0nbsp", "\u200bzw", "\u2028ls", "\ud7ff", "\U0001F600", "\ue000private", "\U000e0001tag",
 [], [1, "a", None], {"$tuple": []}, {"$tuple": [1]}, {"$tuple": [1, "b", [True]]},
 {"$bytes": ""}, {"$bytes": "AAEC/w=="}, {"$bytes": base64.b64encode(b"it's \"q\" \\ \n\t~\x7f").decode()},
 {"$markup": "<b>it's</b>"}, {"$uuid": "12345678-1234-5678-1234-567812345678"},
 {"$datetime": 1445412480}, {"$datetime": 1445412487}, {"$datetime": 0},
 {"a": 1, "it's": [None, {"$tuple": ["x"]}], "": {}},
]
out = []
for c in cases:
    v = conv(c)
    js = c
    if isinstance(c, dict) and '$datetime' in c:
        import email.utils; js = {"$datetime": email.utils.formatdate(c["$datetime"], usegmt=True)}
    out.append([js, repr(v), str(v) if not isinstance(v, datetime.datetime) else None])
print(json.dumps(out, ensure_ascii=True))
