import { tooBigForBrowsers } from '../../../sandbox/contract/set-cookie.ts';
import { cookieValue, deletesCookie, parseSetCookie, setCookiesNamed } from './cookies.ts';
import { type DiffEntry, diffSessions } from './diff.ts';
import { previousOfEngine } from './timeline.ts';
import type { CookieAnatomyView, Engine, Exchange } from './types.ts';

/**
 * What the change strip under the app shows: the learner's last action as one unit (a POST and the
 * GET it led to), the cookie it set, old → new, the session diff and a one-line verdict.
 */
export interface ChangeView {
  /** The exchanges of the action, oldest first: [POST, GET] after a form, else one. */
  exchanges: Exchange[];
  /** "POST /store → 302, then GET / → 200". */
  title: string;
  /** The session cookie's Set-Cookie header of the action, if it set or deleted one. */
  setCookie?: string;
  /** Express `cookie-session`: the Set-Cookie of `session.sig`, where its signature travels. */
  signatureCookie?: string;
  /** The anatomy of the new cookie value, for colouring its parts (Flask only). */
  anatomy?: CookieAnatomyView;
  /** The session cookie value before and after the action (null: none). */
  oldValue: string | null;
  newValue: string | null;
  diff: DiffEntry[];
  /** The browser dropped the action's new session cookie (over 4 KB) and keeps its old one. */
  dropped: boolean;
  /**
   * Changes the first request made that the next one undid (a flashed message: the POST adds
   * `_flashes`, the GET that shows it removes it), so a net "no change" does not hide them.
   */
  passing: DiffEntry[];
  verdict: { tone: 'ok' | 'bad' | 'info'; text: string };
}

const shortPath = (path: string) => path.replace(/^\/sandbox\/(flask|express)/, '') || '/';
const line = (e: Exchange) => `${e.method} ${shortPath(e.path)} → ${e.status}`;

/** The session cookie value a request carried, if any. */
function sentValue(exchange: Exchange): string | null {
  return cookieValue(exchange.requestCookie, 'session') ?? null;
}

/**
 * The exchanges of the newest action of `engine`: its newest exchange, with the POST just before it
 * when that is a GET the POST led to (a redirect, or the page reloaded after a lab experiment).
 */
export function lastAction(timeline: readonly Exchange[], engine: Engine): Exchange[] {
  const index = timeline.findLastIndex((e) => e.engine === engine);
  if (index === -1) return [];
  const newest = timeline[index];
  const previous = previousOfEngine(timeline, index);
  const ledHere = previous?.method === 'POST' && newest.method === 'GET' && newest.at - previous.at < 30_000;
  return ledHere && previous ? [previous, newest] : [newest];
}

/**
 * Whether the browser dropped the action's new cookie for its size. The server's engines record
 * Werkzeug's warning; real Flask in the browser has a jar of its own in the page, whose rule
 * (name and value over 4096 bytes) decides, though its Werkzeug warns a few bytes earlier.
 */
function droppedForSize(unit: Exchange[], setCookie: string | undefined): boolean {
  if (unit[0]?.engine !== 'browser-flask') return unit.some((e) => e.cookieWarning);
  return setCookie !== undefined && tooBigForBrowsers(parseSetCookie(setCookie));
}

/** The one-line verdict: what the server made of the cookie, in the words the lessons use. */
function verdictOf(
  unit: Exchange[],
  setCookie: string | undefined,
  anatomy: CookieAnatomyView | undefined,
  dropped: boolean,
): ChangeView['verdict'] {
  const [first] = unit;
  if (dropped)
    return { tone: 'bad', text: 'Over 4 KB: the browser drops this cookie and keeps sending its old one.' };
  // What the app made of the cookie the action left: the last request carried it.
  const judged = (status: Exchange['session']['status']) => unit[unit.length - 1].session.status === status;
  if (judged('bad-signature'))
    return { tone: 'bad', text: 'Bad signature → empty session (the app ignored the cookie, silently).' };
  if (judged('expired')) return { tone: 'bad', text: 'Signature too old → empty session.' };
  if (setCookie && deletesCookie(parseSetCookie(setCookie), first.at))
    return { tone: 'info', text: 'Cookie deleted: Max-Age=0 (the browser forgets it).' };
  if (setCookie && first.engine === 'express')
    return { tone: 'ok', text: 'Signed by cookie-session: the signature travels in session.sig.' };
  if (setCookie && anatomy) {
    const verdict = anatomy.verdict;
    if (verdict.kind === 'valid')
      return verdict.keyIndex === 0
        ? { tone: 'ok', text: 'Signed with the key in force.' }
        : { tone: 'ok', text: `Verifies with fallback key ${verdict.keyIndex} (an old key still accepted).` };
    if (verdict.kind === 'bad-signature')
      return {
        tone: 'bad',
        text: 'Not signed with the key in force: the next request will get an empty session.',
      };
  }
  if (setCookie) return { tone: 'info', text: 'A new session cookie was set.' };
  if (first.session.status === 'valid')
    return {
      tone: 'ok',
      text: `No Set-Cookie: the cookie verified${first.session.keyIndex ? ` with fallback key ${first.session.keyIndex}` : ''} and the browser keeps it.`,
    };
  return { tone: 'info', text: 'No cookie sent and none set: the session is empty.' };
}

/**
 * The change strip's view of the newest action of `engine`, or undefined before any request.
 * @example changeView([post302, get], 'flask')?.title // 'POST /store → 302, then GET / → 200'
 */
export function changeView(timeline: readonly Exchange[], engine: Engine): ChangeView | undefined {
  const unit = lastAction(timeline, engine);
  if (!unit.length) return undefined;
  const first = unit[0];
  const last = unit[unit.length - 1];
  const setCookie = unit
    .flatMap((e) => e.setCookies)
    .find((header) => setCookiesNamed([header], 'session').length > 0);
  const oldValue = sentValue(first) ?? null;
  const newValue = setCookie
    ? deletesCookie(parseSetCookie(setCookie), first.at)
      ? null
      : (parseSetCookie(setCookie).value ?? null)
    : (last.cookieAfter ?? sentValue(last) ?? null);
  const anatomy = unit
    .map((e) => e.anatomy as CookieAnatomyView | undefined)
    .find((a) => a !== undefined && a.input === newValue);
  const index = timeline.indexOf(first);
  const before = previousOfEngine(timeline, index)?.session.after ?? first.session.before;
  const diff = diffSessions(before, last.session.after);
  const signatureCookie = unit
    .flatMap((e) => e.setCookies)
    .find((header) => setCookiesNamed([header], 'session.sig').length > 0);
  const dropped = droppedForSize(unit, setCookie);
  return {
    exchanges: unit,
    title: unit.map(line).join(', then '),
    setCookie,
    signatureCookie,
    anatomy,
    oldValue,
    newValue,
    diff,
    passing:
      unit.length > 1
        ? diffSessions(before, first.session.after).filter((entry) => !diff.some((d) => d.key === entry.key))
        : [],
    dropped,
    verdict: verdictOf(unit, setCookie, anatomy, dropped),
  };
}

/** What the lab says after an experiment on the app: the strip's verdict, except for a replay that worked. */
export const replayAccepted: ChangeView['verdict'] = {
  tone: 'ok',
  text: 'Old cookie accepted: its signature still verifies, so the old session is back. Signed is not fresh.',
};

/**
 * The verdict for the lab's experiment `experiment` (e.g. 'replay', 'tamper') given the strip's view
 * of what the app did after it. A replayed cookie that verifies is the lesson: accepted, though it
 * is not the newest; anything else reads as the strip reads it.
 * @example experimentVerdict('replay', viewWhoseLastExchangeIsValid) // replayAccepted
 */
export function experimentVerdict(
  experiment: string | undefined,
  view: ChangeView | undefined,
): ChangeView['verdict'] | undefined {
  const replayed = experiment === 'replay' && view?.exchanges.at(-1)?.session.status === 'valid';
  return replayed ? replayAccepted : view?.verdict;
}
