/**
 * Proof on the spot, the page's side: what to ask the server's engine after real Flask answered an
 * action in the browser (the same request and second), and the sentence that compares the two
 * `Set-Cookie`s: "Real Flask sent the same bytes as the server's engine", or where they differ, in
 * the learner's terms (what their code stored against what the handout stores; another key).
 * Browser-safe.
 */
import {
  SAME_ACTION_ROUTES,
  type SameActionAnswer,
  type SameActionQuestion,
} from '../../../sandbox/contract/same-action.ts';
import { lastSetCookie } from '../../../sandbox/contract/set-cookie.ts';
import { a2bBase64, bytesToInt, utf8 } from '../../../sandbox/flask-session/encoding.ts';
import { sameBytes } from './same-bytes.ts';
import { sessionInCookie } from './session-in-cookie.ts';
import type { WsgiRequest, WsgiResponse } from './types.ts';

const headerValues = (headers: readonly [string, string][], name: string): string[] =>
  headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);

/** The second a Flask cookie value was signed at, or undefined (no `payload.timestamp.signature`). */
export function signedAtOf(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length < 3) return undefined;
  const segment = parts.at(-2) as string;
  try {
    // itsdangerous' timestamp: big-endian bytes in base64url, padded as it pads.
    const seconds = bytesToInt(a2bBase64(utf8(segment + '='.repeat((4 - (segment.length % 4)) % 4)), true));
    return segment !== '' && Number.isSafeInteger(seconds) ? seconds : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The question for the server's engine after real Flask answered `request` with `response`, or
 * undefined when there is nothing to prove: no session `Set-Cookie`, or a route the handout has not.
 * A cookie that carries no time (a deletion) is asked at `nowSeconds`, as the time does not show in it.
 * @example sameActionQuestionOf({ method: 'POST', path: '/store', headers: [], body: 'firstName=Ada' }, answer, 1796637600)?.form // [['firstName', 'Ada']]
 */
export function sameActionQuestionOf(
  request: WsgiRequest,
  response: WsgiResponse,
  nowSeconds: number,
): SameActionQuestion | undefined {
  const method = request.method.toUpperCase();
  if (!SAME_ACTION_ROUTES.includes(`${method} ${request.path}`)) return undefined;
  const session = lastSetCookie(headerValues(response.headers, 'set-cookie'), 'session');
  if (session === undefined) return undefined;
  const cookies = headerValues(request.headers, 'cookie');
  return {
    method,
    path: request.path,
    form: method === 'POST' && request.body ? [...new URLSearchParams(request.body)] : [],
    cookie: cookies.length ? cookies.join('; ') : null,
    signedAt: signedAtOf(session.value ?? '') ?? Math.floor(nowSeconds),
  };
}

/** What a page tells the learner: whether the bytes are the same, and the sentence. */
export interface ProofVerdict {
  same: boolean;
  text: string;
}

export const sameBytesSentence =
  "Real Flask sent the same bytes as the server's engine (the handout's key, the same second).";

/** A cookie's session as the learner reads it, e.g. {"firstName":"Ada"}. */
function sessionText(header: string): string {
  const value = lastSetCookie([header], 'session')?.value ?? '';
  if (value === '') return 'nothing (the cookie is deleted)';
  const session = sessionInCookie(value);
  return session === undefined ? 'something that is no Flask session' : JSON.stringify(session);
}

/** "12:00:01 UTC" for a Unix second. */
function clockOf(seconds: number | undefined): string {
  return seconds === undefined
    ? 'an unreadable time'
    : `${new Date(seconds * 1000).toISOString().slice(11, 19)} UTC`;
}

/**
 * Compares what the server's engine answered (`answer`) with what real Flask sent in the browser
 * for the same action, in the learner's words.
 * @example proofVerdict({ setCookies: [h] } as SameActionAnswer, [h]).same // true
 */
export function proofVerdict(
  answer: Pick<SameActionAnswer, 'setCookies'>,
  browserSetCookies: readonly string[],
): ProofVerdict {
  const verdict = sameBytes(answer.setCookies, browserSetCookies);
  if (verdict.same) return { same: true, text: sameBytesSentence };
  const engine = answer.setCookies.findLast((h) => lastSetCookie([h], 'session') !== undefined);
  const real = browserSetCookies.findLast((h) => lastSetCookie([h], 'session') !== undefined);
  if (engine === undefined || real === undefined) {
    return {
      same: false,
      text:
        engine === undefined
          ? "Your app set a session cookie where the handout's app sets none for this action."
          : "Your app set no session cookie where the handout's app sets one for this action.",
    };
  }
  const { differ } = verdict;
  const sentences: string[] = [];
  const signatureToo = differ.includes('signature') ? ', so the signature differs too' : '';
  if (differ.includes('payload')) {
    sentences.push(
      `The payload differs: your code stored ${sessionText(real)}, the handout stores ${sessionText(engine)}${signatureToo}.`,
    );
  } else if (differ.includes('timestamp')) {
    const at = (header: string) => signedAtOf(lastSetCookie([header], 'session')?.value ?? '');
    sentences.push(
      `The timestamp differs: real Flask signed at ${clockOf(at(real))}, the server's engine at ${clockOf(at(engine))}${signatureToo}.`,
    );
  } else if (differ.includes('signature')) {
    sentences.push(
      'The signature differs: your app signs with a different key than the handout (the same bytes were signed).',
    );
  }
  if (differ.includes('attributes')) {
    sentences.push(
      verdict.attributes.length
        ? `The cookie's attributes differ: ${verdict.attributes.join(', ')}.`
        : "The cookie's attributes are written another way (order, spacing or case).",
    );
  }
  return { same: false, text: sentences.join(' ') };
}

/** What the page says when the server could not be asked, or refused (its JSON `error`). */
export function proofUnavailable(why: string | undefined): string {
  return `Could not compare with the server's engine${why ? `: ${why}` : '.'}`;
}
