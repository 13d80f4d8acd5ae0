import { describeVerdict, type VerdictTone, type VerdictWords } from '../../../sandbox/contract/verdicts.ts';
import type { Engine, Exchange, Verdict } from './types.ts';

/**
 * A short, readable age.
 * @example formatAge(0) // 'just now'
 * @example formatAge(125) // '2 min ago'
 */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/**
 * The signing date from an anatomy's `signedAt` (Unix seconds, milliseconds or an ISO date).
 * @example signedDate(0).toISOString() // '1970-01-01T00:00:00.000Z'
 */
export function signedDate(signedAt: number | string): Date {
  if (typeof signedAt === 'string') return new Date(signedAt);
  return new Date(signedAt < 1e11 ? signedAt * 1000 : signedAt);
}

export type { VerdictTone, VerdictWords };

/** The mark shown before a verdict, beside its words (never colour alone). */
export const toneIcon: Record<VerdictTone, string> = { ok: '✓', bad: '✗', warn: '⚠', info: 'ℹ' };

/**
 * What a verdict means for the learner, whether it is good news (undefined: not checked) and its tone:
 * the project's one verdict vocabulary (sandbox/contract/verdicts.ts), shared with the CLI.
 * @example verdictText({ kind: 'valid', keyIndex: 0 }) // { ok: true, tone: 'ok', text: 'Verifies with the current key.' }
 */
export function verdictText(verdict: Verdict): VerdictWords {
  return describeVerdict(verdict);
}

/**
 * How the cookie that came in was judged, in the same verdict words, and what the app did with it.
 * @example incomingText({ status: 'none' }) // 'No session cookie came in.'
 */
export function incomingText(session: Pick<Exchange['session'], 'status' | 'keyIndex'>): string {
  if (session.status === 'none') return 'No session cookie came in.';
  if (session.status === 'unknown-id')
    return 'The store has no row for this session id (logged out, expired or never issued): the app started an empty session.';
  const { text } = describeVerdict({ kind: session.status, keyIndex: session.keyIndex });
  return session.status === 'valid' ? text : `${text} The app ignored it and started an empty session.`;
}

/**
 * Shortens long text in the middle, keeping both ends readable.
 * @example truncateMiddle('abcdefghij', 7) // 'abc…hij'
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/**
 * Reads an Express `cookie-session` value: base64 of the session's JSON, readable by anyone.
 * @example decodeExpressSession('eyJmaXJzdE5hbWUiOiJQaGlsbCJ9') // { firstName: 'Phill' }
 */
export function decodeExpressSession(value: string): Record<string, unknown> | undefined {
  try {
    const bytes = Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compact line numbers for reading aloud.
 * @example lineRanges([3, 4, 5, 9]) // '3–5, 9'
 */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? `${start}` : `${start}–${sorted[i]}`);
  }
  return parts.join(', ');
}

/**
 * Which app code ran, in words; empty when none did (lab actions). Line numbers are of the Flask
 * app's source, so an Express record names them as the Flask equivalent.
 * @example codeRanText('flask', [12]) // 'Flask code: line 12 ran.'
 * @example codeRanText('express', [3, 4]) // 'Express app: its version of lines 3–4 of the Flask app ran.'
 */
export function codeRanText(engine: Engine, lines: readonly number[]): string {
  if (!lines.length) return '';
  const which = `line${new Set(lines).size === 1 ? '' : 's'} ${lineRanges(lines)}`;
  if (engine === 'browser-flask') return `Your flask_app.py: ${which} ran.`;
  if (engine === 'server-side') return `Flask code (with Flask-Session): ${which} ran.`;
  return engine === 'flask'
    ? `Flask code: ${which} ran.`
    : `Express app: its version of ${which} of the Flask app ran.`;
}
