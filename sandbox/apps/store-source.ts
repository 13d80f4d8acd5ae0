/**
 * The server-side engine's store, opened on first use (most requests never need it) and shared by
 * every request of the process. Opening may fail (a folder that cannot be written, say): that is
 * a StoreUnavailable like Redis being down, and the next request tries again.
 */
import {
  openSessionStore,
  type SessionStore,
  type StoreKind,
  type StoreSettings,
  StoreUnavailable,
} from '../store/index.ts';

export interface LazyStore {
  kind: StoreKind;
  get: () => Promise<SessionStore>;
  /** Closes the store if it was opened. */
  close: () => Promise<void>;
}

export function lazyStore(settings: StoreSettings): LazyStore {
  const kind: StoreKind = settings.redisUrl ? 'redis' : 'sqlite';
  let opening: Promise<SessionStore> | undefined;
  const get = () => {
    opening ??= openSessionStore(settings).catch((error: unknown) => {
      opening = undefined;
      if (error instanceof StoreUnavailable) throw error;
      throw new StoreUnavailable(kind, `The ${kind} store could not be opened: ${(error as Error).message}`, {
        cause: error,
      });
    });
    return opening;
  };
  return {
    kind,
    get,
    close: async () => {
      const open = opening;
      opening = undefined;
      if (open) await (await open.catch(() => undefined))?.close();
    },
  };
}
