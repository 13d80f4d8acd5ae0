/**
 * Flask's `SecureCookieSession` bookkeeping: a dict that remembers whether the request read it
 * (`accessed`, which adds `Vary: Cookie`) or changed it (`modified`, which re-sends the cookie).
 * `session[key]` and `session.get` are accesses; `key in session` is one from Flask 3.1 on, not in 2.2.
 * Also Flask's message flashing, which keeps its messages in the session under `_flashes`.
 */
import { containsIsAccess, DEFAULT_FLASK_VERSION, type FlaskVersion } from '../flask-session/index.ts';
import { PyTuple, type PyValue, type SessionData } from '../flask-session/values.ts';

/** Where `flash()` keeps its messages: a list of `(category, message)` tuples. */
export const FLASHES_KEY = '_flashes';

export class FlaskSessionState {
  /** The session's contents (a fresh object; mutate it only through the methods). */
  readonly data: SessionData;
  readonly flaskVersion: FlaskVersion;
  modified = false;
  accessed = false;

  constructor(data: SessionData, flaskVersion: FlaskVersion = DEFAULT_FLASK_VERSION) {
    this.data = data;
    this.flaskVersion = flaskVersion;
  }

  /** `key in session`: an access in Flask 3.1, not in 2.2. */
  has(key: string): boolean {
    if (containsIsAccess(this.flaskVersion)) this.accessed = true;
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

  /** `session.pop(key)`. */
  pop(key: string): PyValue | undefined {
    const value = this.get(key);
    this.modified = true;
    delete this.data[key];
    return value;
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

  /**
   * Flask's `flash(message, category)`: `flashes = session.get('_flashes', [])`, append the tuple,
   * `session['_flashes'] = flashes` (so the cookie holds `[{" t": ["message", "…"]}]`).
   */
  flash(message: string, category = 'message'): void {
    const current = this.get(FLASHES_KEY);
    const flashes = Array.isArray(current) ? current : [];
    this.set(FLASHES_KEY, [...flashes, new PyTuple([category, message])]);
  }

  /**
   * Flask's `get_flashed_messages()`: `session.pop('_flashes') if '_flashes' in session else []`,
   * the messages only (no categories). Reading them removes them, so the cookie changes again.
   */
  takeFlashes(): PyValue[] {
    if (!this.has(FLASHES_KEY)) return [];
    const flashes = this.pop(FLASHES_KEY);
    if (!Array.isArray(flashes)) return [];
    // Each entry is a (category, message) pair; a forged cookie may hold anything else, shown as is.
    return flashes.map((flash) =>
      flash instanceof PyTuple ? (flash.items[1] ?? null) : Array.isArray(flash) ? (flash[1] ?? null) : flash,
    );
  }
}
