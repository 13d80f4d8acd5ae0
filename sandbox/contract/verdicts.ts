/**
 * One vocabulary for what checking a cookie concluded: each verdict kind → whether it is good news
 * and the words for it. The CLI, the inspector, the decode tool and the exchange summaries all say
 * it the same way.
 */
import type { AnatomyVerdict } from './anatomy.ts';

export type VerdictKind = AnatomyVerdict['kind'];

/** How a verdict reads: good news, bad news, a caution (signed, but too old) or not checked. */
export type VerdictTone = 'ok' | 'bad' | 'warn' | 'info';

/** Good news (true), bad news (false), or not checked (undefined); its tone; its words. */
export interface VerdictWords {
  ok: boolean | undefined;
  tone: VerdictTone;
  text: string;
}

type Details = { keyIndex?: number; reason?: string };

/** The table: one entry per kind. `reason` (why a payload or cookie is unreadable) is optional. */
const words: Record<VerdictKind, (details: Details) => VerdictWords> = {
  valid: ({ keyIndex = 0 }) => ({
    ok: true,
    tone: 'ok',
    text:
      keyIndex === 0
        ? 'Verifies with the current key.'
        : `Verifies with fallback key ${keyIndex} (an old key still accepted).`,
  }),
  unverified: () => ({
    ok: undefined,
    tone: 'info',
    text: 'Not checked: give the secret key to verify the signature. Anyone can read this cookie; only the key holder can change it.',
  }),
  'bad-signature': () => ({
    ok: false,
    tone: 'bad',
    text: 'Bad signature: this key did not sign it, or the cookie was changed.',
  }),
  // Signed with this key, so a caution, not a red cross beside "valid".
  expired: () => ({
    ok: false,
    tone: 'warn',
    text: 'Signed with this key, but older than 31 days (or dated in the future): too old, so Flask treats the session as expired.',
  }),
  'bad-payload': ({ reason }) => ({
    ok: false,
    tone: 'bad',
    text: `Signature is valid but the payload cannot be read${reason ? `: ${reason}` : '.'}`,
  }),
  'not-flask': ({ reason }) => ({
    ok: false,
    tone: 'bad',
    text: `Not a Flask session cookie${reason ? `: ${reason}` : '.'}`,
  }),
};

/**
 * The words for a verdict (or a bare kind, as the engine's open status gives it).
 * @example describeVerdict({ kind: 'valid', keyIndex: 0 }) // { ok: true, text: 'Verifies with the current key.' }
 */
export function describeVerdict(verdict: { kind: VerdictKind } & Details): VerdictWords {
  return words[verdict.kind](verdict);
}
