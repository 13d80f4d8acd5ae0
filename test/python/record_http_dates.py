# Records Werkzeug parse_date answers for test/flask-session/http-date-werkzeug.test.ts (run with /usr/bin/python3).
import json, sys
from datetime import timezone
from werkzeug.http import parse_date
inputs = [
 "Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015",
 "21 Oct 2015 07:28:00 GMT", "21 Oct 2015 07:28:00", "21 Oct 2015 07:28 GMT", "21 Oct 2015 07.28 GMT",
 "21 Oct 2015 07:28:00 +0200", "21 Oct 2015 07:28:00 -0130", "21 Oct 2015 07:28:00+0200", "21 Oct 2015 07:28:00-0130",
 "21 Oct 2015 07:28:00 -0000", "21 Oct 2015 07:28:00 +0000", "21 Oct 2015 07:28:00 EST", "21 Oct 2015 07:28:00 pdt",
 "21 Oct 2015 07:28:00 UT", "21 Oct 2015 07:28:00 Z", "21 Oct 2015 07:28:00 XYZ", "21 Oct 2015 07:28:00 +2400",
 "21 Oct 2015 07:28:00 +2359", "21 Oct 2015 07:28:00 -2400",
 "Oct 21 2015 07:28:00 GMT", "21 october 2015 07:28:00 GMT", "21 OCT 2015 07:28:00 GMT", "21 September 2015 07:28:00",
 "21, Oct 2015 07:28:00 GMT", "21 Oct 2015, 07:28:00 GMT", "21 Oct 2015 07:28:00, GMT", "21 Oct , 07:28:00 GMT",
 "21 Oct 07:28:00 2015 GMT", "21 Oct GMT 2015 07:28:00",
 "Mon 21 Oct 2015 07:28:00 GMT", "mon, 21 Oct 2015 07:28:00 GMT", "xyz,21 Oct 2015 07:28:00 GMT", "Foo, 21 Oct 2015 07:28:00 GMT",
 "21-Oct-2015 07:28:00 GMT", "21-Oct-15 07:28:00", "1-Jan-69 00:00:00", "1-Jan-68 00:00:00", "1 Jan 99 00:00:00", "1 Jan 100 00:00:00",
 "1 Jan 0 00:00:00", "1 Jan 00 00:00:00", "1 Jan 0001 00:00:00", "31 Dec 9999 23:59:59", "1 Jan 10000 00:00:00",
 "29 Feb 2016 00:00:00", "29 Feb 2015 00:00:00", "29 Feb 2000 00:00:00", "29 Feb 1900 00:00:00", "31 Apr 2015 00:00:00", "30 Apr 2015 00:00:00",
 "31 Dec 2015 00:00:00", "0 Jan 2015 00:00:00", "32 Jan 2015 00:00:00",
 "1 Jan 2015 24:00:00", "1 Jan 2015 23:60:00", "1 Jan 2015 23:59:60", "1 Jan 2015 -1:00:00", "1 Jan 2015 1:2:3",
 "1 Jan 2015 1_0:00:00", "1 Jan 2_015 00:00:00", "1 Jan 2015 00:00", "1 Jan 2015 00", "1 Jan 2015 00:00:00:00",
 "1 Jan 2015 a:00:00", "1 Jan 2015 00:b:00", "1 Jan 2015 00:00:c", "x Jan 2015 00:00:00", "1 Jan x015 00:00:00",
 "Jan 2015 00:00:00", "1 Foo 2015 00:00:00", "", "   ", "garbage", "1 2 3 4 5",
 "1\x1cJan\x1c2015\x1c00:00:00", "1\tJan\n2015  00:00:00", "1 Jan 2015 00:00:00 +01", "1 Jan 2015 00:00:00 +1",
 "1 Jan 2015 00:00:00 -5", "1 Jan 2015 00:00:00 +0_100",
]
out = []
for s in inputs:
    d = parse_date(s)
    out.append([s, None if d is None else (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).timestamp()])
print(json.dumps(out, ensure_ascii=True, indent=0))
