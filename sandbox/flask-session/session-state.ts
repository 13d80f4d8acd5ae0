/**
 * Flask's per-request session bookkeeping: whether the request accessed the session (`accessed`,
 * which adds `Vary: Cookie`) or changed it (`modified`, which re-sends the cookie).
 * What counts as an access depends on the Flask followed:
 * - 3.1 (3.1.3): any use of the `session` proxy (the request context marks it), so `'x' in session`
 *   and `len(session)` count, and the handout's first `GET /` (its template asks
 *   `'firstName' in session`) answers with `Vary: Cookie`;
 * - 2.2: only `session[key]`, `get`, `setdefault` and changes count; `in` and `len` do not.
 */
import { DEFAULT_FLASK_VERSION, type FlaskVersion } from './flask-version.ts';
import { pyTruthy } from './tagged-json.ts';
import type { PyValue, SessionData } from './values.ts';

/** One request's session, as `flask.session` behaves in the Flask followed. */
export class SessionState {
  /** The session's contents (mutate it only through the methods). */
  readonly data: SessionData;
  readonly flaskVersion: FlaskVersion;
  modified = false;
  accessed = false;

  constructor(data: SessionData, flaskVersion: FlaskVersion = DEFAULT_FLASK_VERSION) {
    this.data = data;
    this.flaskVersion = flaskVersion;
  }

  /** Any use of the `session` proxy: an access in Flask 3.1, nothing by itself in 2.2. */
  touch(): void {
    if (this.flaskVersion === '3.1') this.accessed = true;
  }

  /** `key in session`. */
  has(key: string): boolean {
    this.touch();
    return Object.hasOwn(this.data, key);
  }

  /** `len(session)`. */
  size(): number {
    this.touch();
    return Object.keys(this.data).length;
  }

  /** `session[key]` / `session.get(key)`: an access in every version. */
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

  /** `session.pop(key, None)`: a change only when the key was there (CallbackDict's on_update). */
  pop(key: string): PyValue | undefined {
    this.touch();
    if (!Object.hasOwn(this.data, key)) return undefined;
    const value = this.data[key];
    delete this.data[key];
    this.accessed = true;
    this.modified = true;
    return value;
  }

  /** `session.clear()`. */
  clear(): void {
    this.accessed = true;
    this.modified = true;
    for (const key of Object.keys(this.data)) delete this.data[key];
  }

  /** `session.permanent` (reads `_permanent` with `get`, an access in every version). */
  get permanent(): boolean {
    const flag = this.get('_permanent');
    return flag !== undefined && pyTruthy(flag);
  }

  /** `session.permanent = True`: Flask keeps the flag in the session itself, as `_permanent`. */
  makePermanent(): void {
    this.set('_permanent', true);
  }

  /** `session.modified = True`: re-send the cookie even though nothing changed. */
  markModified(): void {
    this.touch();
    this.modified = true;
  }
}
