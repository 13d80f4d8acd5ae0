/**
 * A learner's own lab settings (their secret key and fallback keys), kept in their `sandbox_lab`
 * cookie so no server state grows per learner and any process can serve them. The cookie is not
 * signed: it only ever affects its owner's sandbox. Anything malformed means the defaults.
 * Key order: `key` is current; `fallbacks` are older keys, most recent last (Flask's SECRET_KEY_FALLBACKS).
 */
import type { CookieOptions, Request, Response } from 'express';
import { readCookie } from '../apps/cookies.ts';

export const LAB_COOKIE = 'sandbox_lab';
/** Longest key a learner may set, in characters. */
export const MAX_KEY_LENGTH = 200;
/** Most fallback keys kept when rotating. */
export const MAX_FALLBACKS = 3;

export interface LabSettings {
  /** The secret key the learner's Flask sandbox signs with. */
  key: string;
  /** Older keys still accepted, most recent last. */
  fallbacks: string[];
  /** True when the settings came from the learner's cookie rather than the defaults. */
  custom: boolean;
}

export const labCookieOptions: CookieOptions = { path: '/sandbox', httpOnly: true, sameSite: 'lax' };

/** The defaults: the sandbox key, no fallbacks. */
export function defaultLab(defaultKey: string): LabSettings {
  return { key: defaultKey, fallbacks: [], custom: false };
}

/** A usable key: a non-empty string of at most MAX_KEY_LENGTH characters. */
export function isValidKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH;
}

/** Reads the settings from a `sandbox_lab` cookie value; defaults when absent or malformed. */
export function parseLab(value: string | undefined, defaultKey: string): LabSettings {
  if (!value || value.length > 2048) return defaultLab(defaultKey);
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return defaultLab(defaultKey);
    const { key, fallbacks } = parsed as { key?: unknown; fallbacks?: unknown };
    if (!isValidKey(key) || !Array.isArray(fallbacks) || fallbacks.length > MAX_FALLBACKS)
      return defaultLab(defaultKey);
    if (!fallbacks.every(isValidKey)) return defaultLab(defaultKey);
    return { key, fallbacks: [...fallbacks], custom: true };
  } catch {
    return defaultLab(defaultKey);
  }
}

/** The cookie value for `settings` (base64url JSON, so it needs no quoting). */
export function encodeLab(settings: Pick<LabSettings, 'key' | 'fallbacks'>): string {
  const json = JSON.stringify({ key: settings.key, fallbacks: settings.fallbacks.slice(-MAX_FALLBACKS) });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The learner's settings for this request. */
export function labOf(req: Request, defaultKey: string): LabSettings {
  return parseLab(readCookie(req, LAB_COOKIE), defaultKey);
}

/** Sends the learner's new settings (or deletes the cookie when they are back to the defaults). */
export function saveLab(
  res: Response,
  settings: Pick<LabSettings, 'key' | 'fallbacks'>,
  defaultKey: string,
): void {
  if (settings.key === defaultKey && settings.fallbacks.length === 0)
    res.clearCookie(LAB_COOKIE, labCookieOptions);
  else res.cookie(LAB_COOKIE, encodeLab(settings), labCookieOptions);
}
