export { openSessionStore, type StoreSettings } from './open-store.ts';
export { isSessionId, newSessionId } from './session-id.ts';
export {
  defaultStoreLimits,
  type SessionRow,
  type SessionStore,
  SessionTooLarge,
  type StoreKind,
  type StoreLimits,
  StoreUnavailable,
  sessionKey,
  sessionKeyPrefix,
} from './session-store.ts';
