/**
 * The engine's answer to one request of the Flask helper's `respond` op (a view that stores,
 * clears, reads, asks `in` or `len`), run the way a sandbox app runs it: open, SessionState, save.
 */
import {
  type FlaskVersion,
  openSession,
  type SaveResult,
  type SessionData,
  SessionState,
  saveSession,
} from '../../sandbox/flask-session/index.ts';

export interface RespondCase {
  action: string;
  cookie?: string;
  data: SessionData;
  flaskVersion: FlaskVersion;
  now: number;
  partitioned?: boolean;
}

/** The Set-Cookie and Vary the engine sends for the case; the helper's secret is 'dev'. */
export function respond(c: RespondCase): SaveResult {
  const config = {
    secretKey: 'dev',
    now: () => c.now,
    flaskVersion: c.flaskVersion,
    partitioned: c.partitioned,
  };
  const state = new SessionState(openSession(c.cookie, config).data, c.flaskVersion);
  if (c.action === 'store' || c.action === 'permanent') {
    for (const [key, value] of Object.entries(c.data)) state.set(key, value);
  }
  if (c.action === 'permanent') state.makePermanent();
  if (c.action === 'clear') state.clear();
  if (c.action === 'read') state.get('anything');
  if (c.action === 'contains') state.has('firstName');
  if (c.action === 'len') state.size();
  return saveSession({ data: state.data, modified: state.modified, accessed: state.accessed }, config);
}
