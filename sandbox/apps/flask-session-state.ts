/**
 * Flask's `SecureCookieSession` bookkeeping: a dict that remembers whether the request read it
 * (`accessed`, which adds `Vary: Cookie`) or changed it (`modified`, which re-sends the cookie).
 * As in Flask, `key in session` is not an access; `session[key]` and `session.get` are.
 */
import type { PyValue, SessionData } from '../flask-session/values.ts';

export class FlaskSessionState {
  /** The session's contents (a fresh object; mutate it only through the methods). */
  readonly data: SessionData;
  modified = false;
  accessed = false;

  constructor(data: SessionData) {
    this.data = data;
  }

  /** `key in session`: not counted as an access, exactly as in Flask. */
  has(key: string): boolean {
    return Object.hasOwn(this.data, key);
  }

  /** `session[key]` / `session.get(key)`. */
  get(key: string): PyValue | undefined {
    this.accessed = true;
    return Object.hasOwn(this.data, key) ? this.data[key] : undefined;
  }

  /** `session[key] = value`. */
  set(key: string, value: PyValue): void {
    this.accessed = true;
    this.modified = true;
    Object.defineProperty(this.data, key, { value, enumerable: true, writable: true, configurable: true });
  }

  /** `session.clear()`. */
  clear(): void {
    this.accessed = true;
    this.modified = true;
    for (const key of Object.keys(this.data)) delete this.data[key];
  }

  /** `session.permanent = True`: Flask keeps the flag in the session itself, as `_permanent`. */
  makePermanent(): void {
    this.set('_permanent', true);
  }

  /** `session.modified = True`: re-send the cookie even though nothing changed. */
  markModified(): void {
    this.modified = true;
  }
}
