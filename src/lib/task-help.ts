import type { SandboxTaskId } from '../schemas/lesson.ts';
import { parseCookieHeader } from './inspector/cookies.ts';
import type { Exchange } from './inspector/types.ts';

/**
 * The sandbox tool a task needs: the "open the tool" link opens it and moves focus there.
 * `app-*` are controls of the embedded Flask app, `express-app` the Express one, `lab-*` the lab's
 * experiments, `inspector` the full inspector.
 */
export type TaskTool =
  | 'app-store'
  | 'app-clear'
  | 'app-permanent'
  | 'app-login'
  | 'express-app'
  | 'lab-tamper'
  | 'lab-replay'
  | 'inspector'
  | 'inspector-post';

/** Help for one task: a hint first, then the exact solution, and what is still missing. */
export interface TaskHelp {
  tool: TaskTool;
  /** The link's words, e.g. "Open the app's first-name field". */
  toolLabel: string;
  /** A nudge that does not give the answer away. */
  hint: string;
  /** Exactly what to do, step by step; the learner then does it. */
  solution: string[];
  /** What is still missing, judged from the learner's exchanges, for "Not done yet: …". */
  missing: (timeline: readonly Exchange[]) => string;
}

const flask = (timeline: readonly Exchange[]) => timeline.filter((e) => e.engine === 'flask');
const hasName = (timeline: readonly Exchange[]) =>
  flask(timeline).some((e) => typeof e.session.after.firstName === 'string');
const sentSession = (e: Exchange) => parseCookieHeader(e.requestCookie).some((c) => c.name === 'session');

/**
 * Hints and "show me" solutions, one per task id in the lesson schema (a new id needs an entry here:
 * the type says so).
 */
export const taskHelp: Record<SandboxTaskId, TaskHelp> = {
  'see-empty-session': {
    tool: 'inspector',
    toolLabel: 'Open the inspector at the first request',
    hint: 'The app has already answered your first request. Look at what it sent back: is there a cookie?',
    solution: [
      'Open the inspector (the link below does it).',
      'Open the first GET /sandbox/flask/ in the timeline.',
      'Read its Response: “Set-Cookie: none sent”, and the session is {} (empty).',
    ],
    missing: (timeline) =>
      flask(timeline).length === 0
        ? 'the app has not loaded yet.'
        : 'open a GET / with an empty session in the inspector and read its headers.',
  },
  'store-first-name': {
    tool: 'app-store',
    toolLabel: "Go to the app's First name field",
    hint: 'The form in the app writes to the session. Which header carries the session back to your browser?',
    solution: [
      'Type a first name, say Ada, in the app’s First name field.',
      'Press Store.',
      'Under the app, read the Set-Cookie of the POST: session=… with its payload, timestamp and signature.',
    ],
    missing: (timeline) =>
      flask(timeline).some((e) => e.action === 'store')
        ? 'the store did not set a session cookie with a first name; try again with a non-empty name.'
        : 'no first name stored yet: type one and press Store.',
  },
  'tamper-rejected': {
    tool: 'lab-tamper',
    toolLabel: "Open the lab's tamper tool",
    hint: 'Change a single character of the cookie’s payload and send it back. What does the app make of it?',
    solution: [
      'Store a first name first, so there is a cookie.',
      'In the lab, open “Tamper with the cookie”: the box holds your current cookie.',
      'Change one letter of the payload (the first part, before the first dot).',
      'Press “Send the edited cookie” and read the verdict: bad signature → empty session.',
    ],
    missing: (timeline) =>
      hasName(timeline)
        ? 'no edited cookie has been sent yet: change a letter in the tamper box and send it.'
        : 'store a first name first, so there is a cookie to tamper with.',
  },
  'start-over': {
    tool: 'app-clear',
    toolLabel: "Go to the app's Start over button",
    hint: 'session.clear() empties the session. What does Flask then do with the cookie itself?',
    solution: [
      'Store a first name, so there is a session.',
      'Press Start over in the app.',
      'Under the app, read the Set-Cookie: session=; Expires=Thu, 01 Jan 1970 …; Max-Age=0: the cookie is deleted.',
    ],
    missing: (timeline) =>
      hasName(timeline) ? 'press Start over in the app.' : 'store a first name first, then press Start over.',
  },
  'change-first-name': {
    tool: 'app-store',
    toolLabel: "Go to the app's First name field",
    hint: 'Store twice, with two different names. Compare the two cookies: how much of them changed?',
    solution: [
      'Type Ada and press Store.',
      'Type Grace and press Store again.',
      'Under the app, read the change: firstName: "Ada" → "Grace", and the whole cookie is new.',
    ],
    missing: (timeline) =>
      hasName(timeline)
        ? 'store a different first name now, to replace the one in the session.'
        : 'store a first name, then a different one.',
  },
  'escape-markup': {
    tool: 'app-store',
    toolLabel: "Go to the app's First name field",
    hint: 'Try a name with HTML tags in it. Does the page run them, or print them?',
    solution: [
      'Type <b>Ada</b> in the First name field and press Store.',
      'The app prints the tags as text: Jinja escaped them.',
      'In the inspector, the template’s HTML reads &lt;b&gt;Ada&lt;/b&gt;.',
    ],
    missing: () => 'store a first name containing < and > (an HTML tag).',
  },
  'compare-engines': {
    tool: 'express-app',
    toolLabel: 'Go to the Express app’s First name field',
    hint: 'Store a name in the Express cookie-session app. How many cookies does it set?',
    solution: [
      'Find the Express cookie-session app, beside the Flask one (under it on a phone).',
      'Type a first name and press Store.',
      'Read its Set-Cookie headers: session (base64 JSON) and session.sig (the signature).',
    ],
    missing: () => 'store a first name in the Express cookie-session app.',
  },
  'make-permanent': {
    tool: 'app-permanent',
    toolLabel: "Go to the app's Make permanent button",
    hint: 'A permanent session outlives the browser. Which cookie attribute makes that happen?',
    solution: [
      'Store a first name, so there is a session.',
      'Press Make permanent.',
      'Read the new Set-Cookie: it now has an Expires date, 31 days ahead.',
    ],
    missing: (timeline) =>
      flask(timeline).some((e) => e.action === 'permanent')
        ? 'the session was empty: store a first name, then press Make permanent again.'
        : 'press Make permanent (with a first name stored).',
  },
  'see-flash': {
    tool: 'app-store',
    toolLabel: 'Go to the app',
    hint: 'A flashed message is stored in the session for exactly one page. Watch the session before and after that page.',
    solution: [
      'Do the action the step names, which flashes a message.',
      'The next page shows the message once: the session held _flashes when the request came in.',
      'Under the app, the change shows _flashes removed: the message was used up.',
    ],
    missing: () => 'no page has shown a flashed message yet.',
  },
  'replay-old-cookie': {
    tool: 'lab-replay',
    toolLabel: 'Open the lab\'s "Replay an old cookie"',
    hint: 'A signature says who wrote a cookie, not when it stopped being current. Try sending an old one again.',
    solution: [
      'Store a first name, then press Start over: the browser drops that cookie, but it is not dead.',
      'In the lab, under "Replay an old cookie", press Replay this old cookie.',
      'The verdict: it still verifies, and the old name is back. Signed is not fresh.',
    ],
    missing: (timeline) =>
      flask(timeline).filter((e) => sentSession(e)).length < 1
        ? 'store a first name, then press Start over, so there is an old cookie to send again.'
        : 'replay the old cookie, from the lab ("Replay an old cookie").',
  },
  'log-in-and-out': {
    tool: 'app-login',
    toolLabel: "Go to the app's log-in form",
    hint: 'Logging in writes the user into the session; logging out is session.clear(). Watch the cookie each time.',
    solution: [
      'In the app, log in as ada with the password lovelace.',
      'Under the app, the session now holds the user, in a new cookie.',
      'Press Log out: the answer deletes the cookie (Max-Age=0).',
    ],
    missing: (timeline) =>
      timeline.some((e) => e.method === 'POST' && (e.action as string) === 'login')
        ? 'now log out, and watch the Set-Cookie that deletes the cookie.'
        : 'log in first (ada, lovelace).',
  },
  'see-fetch-metadata': {
    tool: 'inspector-post',
    toolLabel: 'Open the inspector at your last POST',
    hint: 'Your browser says where each request came from, in a header the page cannot forge. Find it on a POST.',
    solution: [
      'Store a first name in the app.',
      'Open that POST in the inspector (the link below does it).',
      'Read its Request: Sec-Fetch-Site: same-origin. A form on another site would say cross-site and get a 403.',
    ],
    missing: (timeline) =>
      timeline.some((e) => e.method === 'POST')
        ? 'open a POST in the inspector and read its Sec-Fetch-Site.'
        : 'store a first name first.',
  },
};
