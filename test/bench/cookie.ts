/**
 * `npm run bench:cookie`: sign and load operations per second for a typical session, for this
 * engine, for keygrip as cookie-session uses it, and for Python itsdangerous as Flask configures it
 * (when /usr/bin/python3 has Flask), in one run so the ratios compare like with like.
 */
import { spawnSync } from 'node:child_process';
import Keygrip from 'keygrip';
import { loadSession, signSession } from '../../sandbox/flask-session/index.ts';
import { isMain, machineInfo, printAllTables, type Row } from './report.ts';

const SECRET = 'w98fw9ef8hwe98fhwef';
/** Two typical sessions: the handout's (stays plain) and a slightly larger one (zlib-compressed). */
const SESSIONS: { name: string; data: Session }[] = [
  { name: 'handout session {"firstName":"Phill"}', data: { firstName: 'Phill' } },
  {
    name: 'four-key session, zlib-compressed',
    data: { firstName: 'Phill', lastName: 'Rogers', visits: 3, theme: 'dark' },
  },
];
const NOW = 1700000000;

type Session = { [key: string]: string | number };

/** Runs `op` repeatedly for about `seconds` (after a short warm-up) and returns operations per second. */
function opsPerSecond(op: () => unknown, seconds: number): number {
  for (let i = 0; i < 2000; i++) op();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let t = start;
  while (t < end) {
    for (let i = 0; i < 500; i++) op();
    count += 500;
    t = performance.now();
  }
  return Math.round(count / ((t - start) / 1000));
}

function benchEngine(SESSION: Session, seconds: number): { sign: number; load: number } {
  const cookie = signSession(SESSION, { secretKey: SECRET, timestamp: NOW });
  const config = { secretKey: SECRET, maxAge: 2678400, now: () => NOW };
  return {
    sign: opsPerSecond(() => signSession(SESSION, { secretKey: SECRET, timestamp: NOW }), seconds),
    load: opsPerSecond(() => loadSession(cookie, config), seconds),
  };
}

/** cookie-session's work: base64 JSON value, keygrip signature over "name=value" (SHA-1 HMAC). */
function benchKeygrip(SESSION: Session, seconds: number): { sign: number; load: number } {
  const keys = new Keygrip([SECRET]);
  const encode = () => {
    const value = Buffer.from(JSON.stringify(SESSION)).toString('base64');
    return [value, keys.sign(`session=${value}`)] as const;
  };
  const [value, sig] = encode();
  const decode = () => {
    if (keys.index(`session=${value}`, sig) < 0) throw new Error('bad signature');
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  };
  return { sign: opsPerSecond(encode, seconds), load: opsPerSecond(decode, seconds) };
}

const PYTHON_BENCH = `
import json, sys, time, flask
app = flask.Flask("bench"); app.secret_key = ${JSON.stringify(SECRET)}
session = json.loads(sys.argv[1]); seconds = float(sys.argv[2])
def rate(op):
    for _ in range(2000): op()
    n, start = 0, time.perf_counter(); end = start + seconds
    while True:
        for _ in range(500): op()
        n += 500; t = time.perf_counter()
        if t >= end: return round(n / (t - start))
with app.test_request_context():
    s = app.session_interface.get_signing_serializer(app)
    cookie = s.dumps(session)
    print(json.dumps({"sign": rate(lambda: s.dumps(session)), "load": rate(lambda: s.loads(cookie, max_age=2678400))}))
`;

/** itsdangerous through Flask's own signing serializer, timed inside Python; undefined without Flask. */
function benchItsdangerous(SESSION: Session, seconds: number): { sign: number; load: number } | undefined {
  const run = spawnSync('/usr/bin/python3', ['-c', PYTHON_BENCH, JSON.stringify(SESSION), String(seconds)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout) as { sign: number; load: number };
}

/** Measures all three for each session and returns the rows (also used by `npm run bench`). */
export async function benchCookie(options: { seconds?: number } = {}): Promise<Row[]> {
  const seconds = options.seconds ?? 1;
  const rows: Row[] = [];
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  for (const session of SESSIONS) {
    const table = `Cookie sign/load, operations per second: ${session.name}`;
    const engine = benchEngine(session.data, seconds);
    const keygrip = benchKeygrip(session.data, seconds);
    const python = benchItsdangerous(session.data, seconds);
    const add = (subject: string, measure: string, value: number) =>
      rows.push({ bench: 'cookie', table, subject, measure, value });
    const subjects: [string, { sign: number; load: number }][] = [
      ['this engine (Flask format)', engine],
      ['keygrip (cookie-session)', keygrip],
    ];
    if (python) subjects.push(['Python itsdangerous (via Flask)', python]);
    for (const [subject, r] of subjects) {
      add(subject, 'sign ops/s', r.sign);
      add(subject, 'load ops/s', r.load);
      add(subject, 'sign × keygrip', ratio(r.sign, keygrip.sign));
      add(subject, 'load × keygrip', ratio(r.load, keygrip.load));
      if (python) {
        add(subject, 'sign × itsdangerous', ratio(r.sign, python.sign));
        add(subject, 'load × itsdangerous', ratio(r.load, python.load));
      }
    }
    // Headline figures for the combined summary, with the aims.
    for (const op of ['sign', 'load'] as const) {
      const aims = 'Cookie engine: aims';
      const subject = `${op}, ${session.name}`;
      const vsKeygrip = ratio(engine[op], keygrip[op]);
      rows.push({
        bench: 'cookie',
        table: aims,
        subject,
        measure: '× keygrip',
        value: vsKeygrip,
        aim: 'on par',
        met: vsKeygrip >= 0.9,
        summary: true,
      });
      if (python) {
        const vsPython = ratio(engine[op], python[op]);
        rows.push({
          bench: 'cookie',
          table: aims,
          subject,
          measure: '× itsdangerous',
          value: vsPython,
          aim: '≥ 3×',
          met: vsPython >= 3,
          summary: true,
        });
      }
    }
    if (!python) console.warn('[skipped] itsdangerous column: /usr/bin/python3 cannot import flask');
  }
  return rows;
}

if (isMain(import.meta)) {
  console.log(machineInfo());
  printAllTables(await benchCookie());
}
