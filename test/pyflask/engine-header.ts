/** The Set-Cookie the server's Flask engine writes for the handout's app, for the proof's tests. */
import { signSession } from '../../sandbox/flask-session/session-cookie.ts';
import { dumpCookie } from '../../sandbox/flask-session/set-cookie.ts';

/** The handout's public demo key. */
export const handoutKey = 'w98fw9ef8hwe98fhwef';
/** The signing second the recorded real-Flask exchanges used. */
export const second = 1796637600;

/** The header the server's engine writes for `data`, signed with `key` at `timestamp`. */
export const engineHeader = (data: Parameters<typeof signSession>[0], key = handoutKey, timestamp = second) =>
  dumpCookie({
    name: 'session',
    value: signSession(data, { secretKey: key, timestamp }),
    httpOnly: true,
    path: '/',
  }).header;
