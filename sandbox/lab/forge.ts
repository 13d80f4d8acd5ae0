/**
 * Reading the session a learner wants to forge: JSON in the tag convention ({"$tuple": …} etc.),
 * size- and depth-limited, through the project's one session-JSON parser (the CLI's `sign` uses it
 * too). Errors say how to fix it.
 */
import { parseSessionJson, SessionJsonError } from '../cookie-tools/session-json.ts';
import type { SessionData } from '../flask-session/index.ts';
import { httpError } from '../web/forms.ts';

/** Longest forge input, in characters. */
export const MAX_FORGE_LENGTH = 4000;
/** Deepest nesting accepted. */
const MAX_DEPTH = 16;
const EXAMPLE = 'Example: {"firstName": "Ada", "admin": true}';

/** Parses the forge field into session data; throws an httpError(400, or 413 when too long) with a fix-it message. */
export function parseForgedSession(text: string): SessionData {
  try {
    return parseSessionJson(text, { maxLength: MAX_FORGE_LENGTH, maxDepth: MAX_DEPTH });
  } catch (error) {
    if (!(error instanceof SessionJsonError)) throw error;
    const hint = error.problem === 'not-json' || error.problem === 'not-a-dict' ? ` ${EXAMPLE}` : '';
    throw httpError(error.problem === 'too-long' ? 413 : 400, `The session JSON ${error.message}.${hint}`);
  }
}
