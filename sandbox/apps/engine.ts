/**
 * What the shared app routes need from a session engine, so one router serves both the
 * Flask-compatible engine and Express cookie-session.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { ServerEngine } from '../contract/exchange.ts';

/** The handout's session operations, in Flask's terms. */
export interface SessionHandle {
  /** `key in session` (not an access). */
  has(key: string): boolean;
  /** `session[key]` as the template prints it (Python's `str`), marking the session accessed. */
  read(key: string): string;
  /** `session[key] = value`. */
  set(key: string, value: string): void;
  /** `session.clear()`. */
  clear(): void;
  /** `session.permanent = True`. */
  makePermanent(): void;
  /** Flask's `flash(message)`: appends `('message', message)` to the session's `_flashes`. */
  flash(message: string): void;
  /** Flask's `get_flashed_messages()`: the messages as the template prints them, removed from the session. */
  takeFlashes(): string[];
  /** The session's keys and printable values, for the template (a null-prototype object). */
  view(): Record<string, string>;
  /** Flask-Session's `regenerate()`: a new id at the next save (server-side sessions only). */
  regenerate?(): void;
}

export interface SandboxEngine {
  name: ServerEngine;
  /** Opens the session; mounted after the recorder. */
  middleware: RequestHandler;
  /** The session of a request the middleware has opened. */
  session(req: Request, res: Response): SessionHandle;
  /**
   * Saves the session before the route answers, for engines whose store is asynchronous (the
   * cookie engines save as the headers go out and have none).
   */
  commit?(req: Request, res: Response): Promise<void>;
}

/** A null-prototype copy, so `'constructor' in session` is false in templates as in Python. */
export function bareRecord(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of entries) out[key] = value;
  return out;
}
