import type { SandboxTaskId } from '../../schemas/lesson.ts';
import { cookieValue, deletesCookie, setCookiesNamed } from './cookies.ts';
import type { Exchange } from './types.ts';

/**
 * Judges one sandbox task against the learner's exchanges, oldest first, and the ids of those the
 * learner opened in the inspector (a task about looking needs the learner to look).
 */
export type TaskCheck = (timeline: readonly Exchange[], inspected: ReadonlySet<string>) => boolean;

const isEmpty = (session: Record<string, unknown>) => Object.keys(session).length === 0;
const isPost = (exchange: Exchange, action: Exchange['action']) =>
  exchange.method === 'POST' && exchange.action === action;
/** The session cookie this response set (not deleted), if any. */
const setsSession = (exchange: Exchange) =>
  setCookiesNamed(exchange.setCookies, 'session').some(
    (cookie) => cookie.value !== '' && !deletesCookie(cookie),
  );

/** Whether the exchange was this route; a string compare, so actions the sandbox adds later type-check too. */
const isAction = (exchange: Exchange, action: string) => (exchange.action as string) === action;
const hasFlashes = (session: Record<string, unknown>) => Object.hasOwn(session, '_flashes');

/** One check per task id in the lesson schema; a new task id needs a check here. */
export const taskChecks: Record<SandboxTaskId, TaskCheck> = {
  /**
   * The learner opened, in the inspector, a Flask `GET /` that found an empty session and sent no
   * cookie back. Opening the page alone does not count: step 1 is not done before the learner acts.
   */
  'see-empty-session': (timeline, inspected) =>
    timeline.some(
      (e) =>
        inspected.has(e.id) &&
        e.engine === 'flask' &&
        e.method === 'GET' &&
        e.action === 'show' &&
        setCookiesNamed(e.setCookies, 'session').length === 0 &&
        isEmpty(e.session.after),
    ),
  /** `POST /store` answered with a session cookie holding a first name. */
  'store-first-name': (timeline) =>
    timeline.some(
      (e) => isPost(e, 'store') && setsSession(e) && typeof e.session.after.firstName === 'string',
    ),
  /** The server judged an incoming cookie's signature bad (and so ignored it). */
  'tamper-rejected': (timeline) => timeline.some((e) => e.session.status === 'bad-signature'),
  /** `POST /clear` answered by deleting the cookie with `Max-Age=0`. */
  'start-over': (timeline) =>
    timeline.some(
      (e) =>
        isPost(e, 'clear') && setCookiesNamed(e.setCookies, 'session').some((cookie) => cookie.maxAge === 0),
    ),
  /** A store that replaced an existing first name with a different one. */
  'change-first-name': (timeline) =>
    timeline.some(
      (e) =>
        isPost(e, 'store') &&
        typeof e.session.before.firstName === 'string' &&
        typeof e.session.after.firstName === 'string' &&
        e.session.before.firstName !== e.session.after.firstName,
    ),
  /** A page that printed a first name containing markup through the `{% if %}` branch (escaped). */
  'escape-markup': (timeline) =>
    timeline.some(
      (e) =>
        e.method === 'GET' &&
        e.templateBranch === 'if' &&
        typeof e.session.after.firstName === 'string' &&
        e.session.after.firstName.includes('<'),
    ),
  /** Express `cookie-session` storing a first name, with its second cookie, `session.sig`. */
  'compare-engines': (timeline) =>
    timeline.some(
      (e) =>
        e.engine === 'express' &&
        isPost(e, 'store') &&
        setCookiesNamed(e.setCookies, 'session.sig').length > 0,
    ),
  /** After `POST /permanent`, a session cookie set with an `Expires` date in the future. */
  'make-permanent': (timeline) => {
    const start = timeline.findIndex((e) => isPost(e, 'permanent'));
    if (start === -1) return false;
    return timeline
      .slice(start)
      .some((e) =>
        setCookiesNamed(e.setCookies, 'session').some(
          (cookie) => cookie.expires !== undefined && !deletesCookie(cookie, e.at),
        ),
      );
  },
  /** `POST /flash` left `_flashes` in the session, and a later page read them, so they were gone. */
  'see-flash': (timeline) => {
    // A page that consumed flashed messages: the session held `_flashes` coming in, not going out.
    if (
      timeline.some((e) => e.method === 'GET' && hasFlashes(e.session.before) && !hasFlashes(e.session.after))
    )
      return true;
    const flashed = timeline.findIndex(
      (e) => e.method === 'POST' && isAction(e, 'flash') && hasFlashes(e.session.after),
    );
    if (flashed === -1) return false;
    return timeline
      .slice(flashed + 1)
      .some((e) => e.engine === 'flask' && e.method === 'GET' && !hasFlashes(e.session.after));
  },
  /**
   * An older cookie, already replaced by a newer one or deleted, sent again and still accepted (signed
   * is not fresh). Judged on the request that carried it back (the page after the lab's replay), not on
   * the replay's own POST, which still carried the cookie the browser held.
   */
  'replay-old-cookie': (timeline) =>
    timeline.some((e, i) => {
      const sent = sessionValueSent(e);
      if (!sent || e.session.status !== 'valid') return false;
      const setAt = timeline.findIndex((x, k) => k < i && x.engine === e.engine && x.cookieAfter === sent);
      // Replaced by another cookie, or deleted (Start over): either way the browser was told to drop it.
      return (
        setAt !== -1 &&
        timeline.slice(setAt + 1, i).some((x) => x.engine === e.engine && replacesCookie(x, sent))
      );
    }),
  /** `POST /login` stored a user in the session, and a later `POST /logout` dropped the session cookie. */
  'log-in-and-out': (timeline) => {
    const login = timeline.findIndex((e) => e.method === 'POST' && isAction(e, 'login') && setsSession(e));
    if (login === -1) return false;
    return timeline
      .slice(login + 1)
      .some(
        (e) =>
          e.method === 'POST' &&
          isAction(e, 'logout') &&
          e.engine === timeline[login]?.engine &&
          setCookiesNamed(e.setCookies, 'session').some((cookie) => deletesCookie(cookie, e.at)),
      );
  },
  /**
   * The learner opened, in the inspector, a POST that the browser marked `Sec-Fetch-Site: same-origin`
   * (which is why the sandbox accepted it; another site's form would be marked cross-site and refused).
   */
  'see-fetch-metadata': (timeline, inspected) =>
    timeline.some((e) => inspected.has(e.id) && e.method === 'POST' && e.fetchSite === 'same-origin'),
};

/** Whether this response told the browser to drop the session cookie `value`: a new value, or a deletion. */
function replacesCookie(exchange: Exchange, value: string): boolean {
  return setCookiesNamed(exchange.setCookies, 'session').some(
    (cookie) => cookie.value !== value || deletesCookie(cookie, exchange.at),
  );
}

/** The session cookie value a request carried, if any. */
function sessionValueSent(exchange: Exchange): string | undefined {
  return cookieValue(exchange.requestCookie, 'session');
}

/**
 * Whether a step's task is done, judged only on the exchanges made on that step's page (`stepOf`
 * gives the step slug an exchange was made on): a store on step 2 does not finish step 12's task.
 * @example taskDoneOnStep('store-first-name', [], () => undefined, 'the-import') // false
 */
export function taskDoneOnStep(
  task: SandboxTaskId,
  timeline: readonly Exchange[],
  stepOf: (exchangeId: string) => string | undefined,
  step: string,
  inspected: ReadonlySet<string> = new Set(),
): boolean {
  return taskChecks[task](
    timeline.filter((exchange) => stepOf(exchange.id) === step),
    inspected,
  );
}

/**
 * Every task the timeline shows done, in the schema's order.
 * @example completedTasks([]) // []
 */
export function completedTasks(
  timeline: readonly Exchange[],
  inspected: ReadonlySet<string> = new Set(),
): SandboxTaskId[] {
  return (Object.keys(taskChecks) as SandboxTaskId[]).filter((task) => taskChecks[task](timeline, inspected));
}
