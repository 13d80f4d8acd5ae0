/**
 * A learner's own lab settings (their secret key and fallback keys), kept in their `sandbox_lab`
 * cookie so no server state grows per learner and any process can serve them. The cookie is sealed
 * (AES-256-GCM with a key derived from the server secret): learners cannot read it, so the weak-key
 * exercise cannot be answered by decoding it, and cannot alter it. Anything malformed means the defaults.
 * Key order: `key` is current; `fallbacks` are older keys, most recent last (Flask's SECRET_KEY_FALLBACKS).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';

export const LAB_COOKIE = 'sandbox_lab';
/** Longest key a learner may set, in characters. */
export const MAX_KEY_LENGTH = 200;
/** Most fallback keys kept when rotating. */
export const MAX_FALLBACKS = 3;
/** Longest sealed cookie value read, in characters. */
const MAX_COOKIE_LENGTH = 4000;

export interface LabSettings {
  /** The secret key the learner's Flask sandbox signs with. */
  key: string;
  /** Older keys still accepted, most recent last. */
  fallbacks: string[];
  /** True when the settings came from the learner's cookie rather than the defaults. */
  custom: boolean;
  /** True when `key` is a weak key the lab chose for the learner to guess: never shown. */
  hidden: boolean;
  /** For each fallback key, true when it is such a hidden key. */
  fallbacksHidden: boolean[];
}

/** What the cookie stores. */
export type LabChoice = Pick<LabSettings, 'key' | 'fallbacks'> &
  Partial<Pick<LabSettings, 'hidden' | 'fallbacksHidden'>>;

/** The lab cookie's options, its path under BASE_PATH (read when the cookie is written). */
export function labCookieOptions(): CookieOptions {
  return { path: withBase('/sandbox'), httpOnly: true, sameSite: 'lax' };
}

/** The defaults: the sandbox key, no fallbacks. */
export function defaultLab(defaultKey: string): LabSettings {
  return { key: defaultKey, fallbacks: [], custom: false, hidden: false, fallbacksHidden: [] };
}

/** A usable key: a non-empty string of at most MAX_KEY_LENGTH characters. */
export function isValidKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH;
}

/** Without a server secret: one random secret per process (lab cookies then last as long as it). */
const processSecret = randomBytes(32);
const sealingKeys = new Map<string, Buffer>();

/** The AES-256 key for lab cookies: HMAC-SHA256(server secret, 'session-lab lab settings v1'). */
function sealingKey(secret: string | undefined): Buffer {
  const name = secret ?? '';
  let key = sealingKeys.get(name);
  if (key === undefined) {
    key = createHmac('sha256', secret ?? processSecret)
      .update('session-lab lab settings v1')
      .digest();
    sealingKeys.set(name, key);
  }
  return key;
}

/** Reads the settings from a `sandbox_lab` cookie value; defaults when absent, altered or malformed. */
export function parseLab(
  value: string | undefined,
  defaultKey: string,
  secret: string | undefined,
): LabSettings {
  if (!value || value.length > MAX_COOKIE_LENGTH) return defaultLab(defaultKey);
  try {
    const sealed = Buffer.from(value, 'base64url');
    if (sealed.length < 12 + 16 + 2) return defaultLab(defaultKey);
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const json = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return defaultLab(defaultKey);
    const { key, fallbacks, hidden, fallbacksHidden } = parsed as Record<string, unknown>;
    if (!isValidKey(key) || !Array.isArray(fallbacks) || fallbacks.length > MAX_FALLBACKS)
      return defaultLab(defaultKey);
    if (!fallbacks.every(isValidKey)) return defaultLab(defaultKey);
    const flags = Array.isArray(fallbacksHidden) ? fallbacksHidden : [];
    return {
      key,
      fallbacks: [...fallbacks],
      custom: true,
      hidden: hidden === true,
      fallbacksHidden: fallbacks.map((_, i) => flags[i] === true),
    };
  } catch {
    return defaultLab(defaultKey);
  }
}

/** The cookie value for `settings`: sealed JSON, base64url (so it needs no quoting). */
export function encodeLab(settings: LabChoice, secret: string | undefined): string {
  const fallbacks = settings.fallbacks.slice(-MAX_FALLBACKS);
  const flags = (settings.fallbacksHidden ?? []).slice(-MAX_FALLBACKS);
  const json = JSON.stringify({
    key: settings.key,
    fallbacks,
    ...(settings.hidden ? { hidden: true } : {}),
    ...(flags.some(Boolean) ? { fallbacksHidden: fallbacks.map((_, i) => flags[i] === true) } : {}),
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The learner's settings for this request. */
export function labOf(req: Request, defaultKey: string, secret: string | undefined): LabSettings {
  return parseLab(readCookie(req, LAB_COOKIE), defaultKey, secret);
}

/** Sends the learner's new settings (or deletes the cookie when they are back to the defaults). */
export function saveLab(
  res: Response,
  settings: LabChoice,
  defaultKey: string,
  secret: string | undefined,
): void {
  if (settings.key === defaultKey && settings.fallbacks.length === 0 && !settings.hidden)
    res.clearCookie(LAB_COOKIE, labCookieOptions());
  else res.cookie(LAB_COOKIE, encodeLab(settings, secret), labCookieOptions());
}
