/**
 * Reading the session a learner wants to forge: JSON in the tag convention ({"$tuple": …} etc.),
 * size- and depth-limited, which must describe a session (an object). Errors say how to fix it.
 */

import { fromConvention } from '../cookie-tools/index.ts';
import type { SessionData } from '../flask-session/index.ts';
import { isDict } from '../flask-session/values.ts';
import { httpError } from '../web/forms.ts';

/** Longest forge input, in characters. */
export const MAX_FORGE_LENGTH = 4000;
/** Deepest nesting accepted. */
const MAX_DEPTH = 16;

/** Parses the forge field into session data; throws an httpError(400) with a fix-it message. */
export function parseForgedSession(text: string): SessionData {
  if (text.length > MAX_FORGE_LENGTH)
    throw httpError(413, `The session JSON is too long: at most ${MAX_FORGE_LENGTH} characters.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw httpError(
      400,
      `That is not valid JSON (${(error as Error).message}). Example: {"firstName": "Ada", "admin": true}`,
    );
  }
  if (depth(json) > MAX_DEPTH)
    throw httpError(400, `The session JSON is nested too deeply: at most ${MAX_DEPTH} levels.`);
  let data: unknown;
  try {
    data = fromConvention(json);
  } catch (error) {
    throw httpError(400, `That JSON cannot be a Flask session value: ${(error as Error).message}.`);
  }
  if (!isDict(data))
    throw httpError(400, 'A session is a JSON object, e.g. {"firstName": "Ada", "admin": true}.');
  return data;
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const inner of Object.values(value)) {
    deepest = Math.max(deepest, depth(inner));
    if (deepest > MAX_DEPTH) break;
  }
  return deepest + 1;
}
