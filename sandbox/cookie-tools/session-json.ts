/**
 * A session typed as JSON in the tag convention ({"$tuple": […]} etc.): the one parser behind the
 * CLI's `sign --json` and the lab's forge form. Bounded (length, depth) when asked, and every
 * problem is a SessionJsonError whose message says what to fix; callers only add their context.
 */
import { NestingTooDeep, type SessionData } from '../flask-session/index.ts';
import { isDict } from '../flask-session/values.ts';
import { parseConventionJson } from './convention-json.ts';

export type SessionJsonProblem = 'too-long' | 'not-json' | 'too-deep' | 'not-a-value' | 'not-a-dict';

/** Why a text is not a session; `message` is a phrase such as 'is not valid JSON (…)'. */
export class SessionJsonError extends Error {
  override name = 'SessionJsonError';
  readonly problem: SessionJsonProblem;
  constructor(problem: SessionJsonProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

export interface SessionJsonLimits {
  /** Longest text accepted, in characters (default: no limit). */
  maxLength?: number;
  /** Deepest nesting accepted (default: no limit beyond JSON.parse's own). */
  maxDepth?: number;
}

/**
 * Parses convention JSON into session data; throws SessionJsonError.
 * @example parseSessionJson('{"cart": {"$tuple": [1, 2]}}') // { cart: PyTuple([1, 2]) }
 */
export function parseSessionJson(text: string, limits: SessionJsonLimits = {}): SessionData {
  const { maxLength = Number.POSITIVE_INFINITY, maxDepth = Number.POSITIVE_INFINITY } = limits;
  if (text.length > maxLength)
    throw new SessionJsonError('too-long', `is too long: at most ${maxLength} characters`);
  let data: unknown;
  try {
    // Numbers as Python's json reads them: `3.0` stays a float, big ints stay exact.
    data = parseConventionJson(text);
  } catch (error) {
    const { name, message } = error as Error;
    if (error instanceof NestingTooDeep)
      throw new SessionJsonError('too-deep', `is nested too deeply: at most ${error.limit} levels`);
    if (name === 'TypeError')
      throw new SessionJsonError('not-a-value', `cannot be a Flask session value: ${message}`);
    throw new SessionJsonError('not-json', `is not valid JSON (${message})`);
  }
  if (Number.isFinite(maxDepth) && nestsDeeperThan(data, maxDepth))
    throw new SessionJsonError('too-deep', `is nested too deeply: at most ${maxDepth} levels`);
  if (!isDict(data)) throw new SessionJsonError('not-a-dict', 'must be a JSON object (a session is a dict)');
  return data;
}

/** True when JSON data nests more than `limit` levels of arrays and objects; stops as soon as it does. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  for (const inner of Object.values(value)) if (nestsDeeperThan(inner, limit - 1)) return true;
  return false;
}
