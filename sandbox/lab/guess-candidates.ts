/** What the guesser tries, at most this many per request (each costs three HMAC-SHA1s). */
import { COMMON_SECRETS } from '../cookie-tools/index.ts';
import { WEAK_KEYS } from './weak-keys.ts';

export const CANDIDATES: readonly string[] = [...new Set([...COMMON_SECRETS, ...WEAK_KEYS])];
