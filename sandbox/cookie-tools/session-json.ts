/**
 * A session typed as JSON in the tag convention ({"$tuple": […]} etc.): the one parser behind the
 * CLI's `sign --json` and the lab's forge form. Bounded (length, depth) when asked, and every
 * problem is a SessionJsonError whose message says what to fix; callers only add their context.
 */
import type { SessionData } from '../flask-session/index.ts';
import { isDict } from '../flask-session/values.ts';
import { fromConvention } from './convention.ts';

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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SessionJsonError('not-json', `is not valid JSON (${(error as Error).message})`);
  }
  if (Number.isFinite(maxDepth) && nestsDeeperThan(json, maxDepth))
    throw new SessionJsonError('too-deep', `is nested too deeply: at most ${maxDepth} levels`);
  let data: unknown;
  try {
    data = fromConvention(json);
  } catch (error) {
    throw new SessionJsonError('not-a-value', `cannot be a Flask session value: ${(error as Error).message}`);
  }
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
