/**
 * A learner's own lab settings (their secret key, fallback keys and which Flask the sandbox behaves
 * as), kept in their `sandbox_lab` cookie so no server state grows per learner and any process can
 * serve them. The cookie is sealed (AES-256-GCM with a key derived from the server secret): learners
 * cannot read it, so the weak-key exercise cannot be answered by decoding it, and cannot alter it.
 * Anything malformed means the defaults.
 * Key order: `key` is current; `fallbacks` are older keys, most recent last (Flask's SECRET_KEY_FALLBACKS).
 */
import type { CookieOptions, Request, Response } from 'express';
import { DEFAULT_FLASK_VERSION, type FlaskVersion, isFlaskVersion } from '../flask-session/index.ts';
import { withBase } from '../web/base-path.ts';
import { readCookie } from '../web/cookies.ts';
import { seal, sealingKey, unseal } from '../web/sealing.ts';

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
  /** True when the learner's key settings differ from the defaults (the sandbox key, no fallbacks). */
  custom: boolean;
  /** True when `key` is a weak key the lab chose for the learner to guess: never shown. */
  hidden: boolean;
  /** For each fallback key, true when it is such a hidden key. */
  fallbacksHidden: boolean[];
  /** Which Flask the learner's sandbox behaves as (3.1 unless they chose 2.2). */
  flaskVersion: FlaskVersion;
}

/** What the cookie stores. */
export type LabChoice = Pick<LabSettings, 'key' | 'fallbacks'> &
  Partial<Pick<LabSettings, 'hidden' | 'fallbacksHidden' | 'flaskVersion'>>;

/** The lab cookie's options, its path under BASE_PATH (read when the cookie is written). */
export function labCookieOptions(): CookieOptions {
  return { path: withBase('/sandbox'), httpOnly: true, sameSite: 'lax' };
}

/** The defaults: the sandbox key, no fallbacks. */
export function defaultLab(sandboxKey: string): LabSettings {
  return {
    key: sandboxKey,
    fallbacks: [],
    custom: false,
    hidden: false,
    fallbacksHidden: [],
    flaskVersion: DEFAULT_FLASK_VERSION,
  };
}

/** A usable key: a non-empty string of at most MAX_KEY_LENGTH characters. */
export function isValidKey(key: unknown): key is string {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH;
}

/** The AES-256 key for lab cookies: HKDF of the server secret, labelled for this use only. */
const labKey = (secret: string | undefined): Buffer => sealingKey(secret, 'lab settings v2');

/** Reads the settings from a `sandbox_lab` cookie value; defaults when absent, altered or malformed. */
export function parseLab(
  value: string | undefined,
  sandboxKey: string,
  secret: string | undefined,
): LabSettings {
  const parsed = openLab(value, secret);
  if (typeof parsed !== 'object' || parsed === null) return defaultLab(sandboxKey);
  const { key, fallbacks, hidden, fallbacksHidden, flaskVersion } = parsed as Record<string, unknown>;
  if (!isValidKey(key) || !Array.isArray(fallbacks) || fallbacks.length > MAX_FALLBACKS)
    return defaultLab(sandboxKey);
  if (!fallbacks.every(isValidKey)) return defaultLab(sandboxKey);
  const flags = Array.isArray(fallbacksHidden) ? fallbacksHidden : [];
  return {
    key,
    fallbacks: [...fallbacks],
    custom: key !== sandboxKey || fallbacks.length > 0 || hidden === true,
    hidden: hidden === true,
    fallbacksHidden: fallbacks.map((_, i) => flags[i] === true),
    flaskVersion: isFlaskVersion(flaskVersion) ? flaskVersion : DEFAULT_FLASK_VERSION,
  };
}

/** The JSON sealed in a lab cookie value, or undefined when it is absent, too long, altered or not ours. */
function openLab(value: string | undefined, secret: string | undefined): unknown {
  if (!value || value.length > MAX_COOKIE_LENGTH) return undefined;
  const json = unseal(labKey(secret), value);
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
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
    ...(settings.flaskVersion && settings.flaskVersion !== DEFAULT_FLASK_VERSION
      ? { flaskVersion: settings.flaskVersion }
      : {}),
  });
  return seal(labKey(secret), Buffer.from(json, 'utf8'));
}

/** The learner's settings for this request. */
export function labOf(req: Request, sandboxKey: string, secret: string | undefined): LabSettings {
  return parseLab(readCookie(req, LAB_COOKIE), sandboxKey, secret);
}

/** Sends the learner's new settings (or deletes the cookie when they are back to the defaults). */
export function saveLab(
  res: Response,
  settings: LabChoice,
  sandboxKey: string,
  secret: string | undefined,
): void {
  // Secure when the request came over HTTPS (directly, or through a trusted proxy that says so).
  const options = { ...labCookieOptions(), secure: res.req.secure };
  const defaults =
    settings.key === sandboxKey &&
    settings.fallbacks.length === 0 &&
    !settings.hidden &&
    (settings.flaskVersion ?? DEFAULT_FLASK_VERSION) === DEFAULT_FLASK_VERSION;
  if (defaults) res.clearCookie(LAB_COOKIE, options);
  else res.cookie(LAB_COOKIE, encodeLab(settings, secret), options);
}
