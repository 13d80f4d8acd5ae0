/**
 * The engine's session (`SessionState`: Flask's `SecureCookieSession` bookkeeping, per Flask
 * version) plus Flask's message flashing, which keeps its messages in the session under `_flashes`.
 */
import { PyTuple, type PyValue, SessionState } from '../flask-session/index.ts';

/** Where `flash()` keeps its messages: a list of `(category, message)` tuples. */
export const FLASHES_KEY = '_flashes';

export class FlaskSessionState extends SessionState {
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
