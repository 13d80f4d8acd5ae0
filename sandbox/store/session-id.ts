/**
 * Session ids as Flask-Session makes them (`secrets.token_urlsafe(32)`): 32 random bytes, base64url.
 */
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable session id (43 characters). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Ids the stores accept; anything else read from a cookie is simply not found. */
export function isSessionId(id: string): boolean {
  return /^[A-Za-z0-9_-]{16,128}$/.test(id);
}
