/**
 * Guessing a weak secret key: try candidates until one reproduces the cookie's signature. Shows why
 * a short or common key is unsafe (anyone holding one cookie can test keys offline, quickly).
 * Each candidate costs three HMAC-SHA1s: two to derive the key, one to sign.
 */
import { timingSafeEqual } from 'node:crypto';
import { base64UrlDecode, utf8 } from '../flask-session/encoding.ts';
import { DEFAULT_SALT } from '../flask-session/session-cookie.ts';
import { deriveMac } from '../flask-session/signer.ts';

/** A small built-in list of keys people really use (and the course handout's own). */
export const COMMON_SECRETS: readonly string[] = [
  'secret',
  'dev',
  'development',
  'changeme',
  'change-me',
  'change_me',
  'CHANGEME',
  'secret-key',
  'secret_key',
  'SECRET_KEY',
  'secretkey',
  'mysecret',
  'my-secret',
  'my_secret',
  'supersecret',
  'super-secret',
  'super_secret',
  'password',
  'passw0rd',
  'flask',
  'flask-secret',
  'key',
  'test',
  'testing',
  'default',
  'admin',
  '123456',
  'abc123',
  's3cr3t',
  'keyboard cat',
  'you-will-never-guess',
  'hard to guess string',
  'your-secret-key',
  'your_secret_key',
  'not-so-secret',
  'this-is-a-secret',
  'w98fw9ef8hwe98fhwef',
];

/** Options for `guessSecret`. */
export interface GuessOptions {
  salt?: string;
  /** Stop after this many candidates. */
  limit?: number;
  /** A monotonic clock in milliseconds, for the rate; defaults to `performance.now`. */
  clock?: () => number;
}

/** The outcome: the key if found, how many candidates were tried, and how fast. */
export interface GuessResult {
  key?: string;
  tried: number;
  seconds: number;
  perSecond: number;
}

/** Tries each candidate as the secret key of a Flask session cookie. Never throws for a bad cookie. */
export function guessSecret(
  cookie: string,
  candidates: Iterable<string>,
  options: GuessOptions = {},
): GuessResult {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const salt = options.salt ?? DEFAULT_SALT;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const dot = cookie.lastIndexOf('.');
  let signature: Uint8Array | undefined;
  try {
    signature = dot < 0 ? undefined : base64UrlDecode(utf8(cookie.slice(dot + 1)));
  } catch {
    signature = undefined;
  }
  const value = utf8(cookie.slice(0, Math.max(dot, 0)));
  let tried = 0;
  let key: string | undefined;
  if (signature?.length === 20) {
    for (const candidate of candidates) {
      if (tried >= limit) break;
      tried++;
      if (timingSafeEqual(deriveMac(candidate, salt)(value), signature)) {
        key = candidate;
        break;
      }
    }
  }
  const seconds = (clock() - started) / 1000;
  const perSecond = seconds > 0 ? Math.round(tried / seconds) : 0;
  return key === undefined ? { tried, seconds, perSecond } : { key, tried, seconds, perSecond };
}
