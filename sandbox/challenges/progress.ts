/**
 * A learner's challenge progress, in their own sealed `sandbox_challenges` cookie (AES-256-GCM under
 * the server secret, like the lab cookie), so the server keeps nothing per learner and the learner
 * can neither read nor write it. It also remembers the admin cookies this learner's `/login` (or the
 * watched admin) really created, so an honest admin login never counts as an attack.
 */
import type { Request, Response } from 'express';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { seal, sealingKey, unseal } from '../web/sealing.ts';

export const CHALLENGES_COOKIE = 'sandbox_challenges';

export const CHALLENGE_IDS = ['forge', 'weak-key', 'replay'] as const;
export type ChallengeId = (typeof CHALLENGE_IDS)[number];

export interface Progress {
  solved: ChallengeId[];
  /** Flask admin cookies /login created for this learner (honest logins and what follows from them). */
  issued: string[];
  /** Flask admin cookies of the watched admin, captured before the admin logged out. */
  captured: string[];
  /** Server-side admin ids captured the same way (their rows deleted by the admin's logout). */
  capturedIds: string[];
  /** True once the Flask engine accepted a captured admin cookie. */
  replayAccepted: boolean;
  /** True once the server-side engine refused a captured admin id. */
  defeated: boolean;
}

/** How many cookies of each kind are remembered; older ones are forgotten first. */
const MAX_REMEMBERED = 4;
const MAX_COOKIE_LENGTH = 4000;

const key = (secret: string | undefined) => sealingKey(secret, 'challenge progress v1');

export function emptyProgress(): Progress {
  return { solved: [], issued: [], captured: [], capturedIds: [], replayAccepted: false, defeated: false };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string').slice(-MAX_REMEMBERED)
    : [];

/** The learner's progress; empty when the cookie is absent, altered or malformed. */
export function progressOf(req: Request, secret: string | undefined): Progress {
  const value = readCookie(req, CHALLENGES_COOKIE);
  if (!value || value.length > MAX_COOKIE_LENGTH) return emptyProgress();
  const json = unseal(key(secret), value);
  if (json === undefined) return emptyProgress();
  try {
    const parsed = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
    return {
      solved: CHALLENGE_IDS.filter((id) => strings(parsed.solved).includes(id)),
      issued: strings(parsed.issued),
      captured: strings(parsed.captured),
      capturedIds: strings(parsed.capturedIds),
      replayAccepted: parsed.replayAccepted === true,
      defeated: parsed.defeated === true,
    };
  } catch {
    return emptyProgress();
  }
}

/** Sends the new progress (or deletes the cookie when it is empty again). */
export function saveProgress(res: Response, progress: Progress, secret: string | undefined): void {
  const options = {
    path: withBase('/sandbox'),
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: res.req.secure,
  };
  const trimmed: Progress = {
    solved: progress.solved,
    issued: progress.issued.slice(-MAX_REMEMBERED),
    captured: progress.captured.slice(-MAX_REMEMBERED),
    capturedIds: progress.capturedIds.slice(-MAX_REMEMBERED),
    replayAccepted: progress.replayAccepted,
    defeated: progress.defeated,
  };
  const empty =
    trimmed.solved.length + trimmed.issued.length + trimmed.captured.length + trimmed.capturedIds.length ===
      0 &&
    !trimmed.defeated &&
    !trimmed.replayAccepted;
  if (empty) res.clearCookie(CHALLENGES_COOKIE, options);
  else res.cookie(CHALLENGES_COOKIE, seal(key(secret), Buffer.from(JSON.stringify(trimmed))), options);
}

/** The challenge with one more solved (in the fixed order). */
export function withSolved(progress: Progress, id: ChallengeId): Progress {
  return { ...progress, solved: CHALLENGE_IDS.filter((c) => c === id || progress.solved.includes(c)) };
}
