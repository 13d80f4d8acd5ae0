/**
 * Stopping without dropping work: stop accepting, let the requests in flight finish (up to a
 * deadline), close keep-alive connections as soon as they are idle, and only then let go.
 */
import type { Server, ServerResponse } from 'node:http';

/** How long requests in flight may take to finish once a stop begins. */
export const stopDeadlineMs = 10_000;

export interface StopResult {
  /** Requests that were in flight (or arrived on open connections) and got their answer. */
  answered: number;
  /** Requests cut off at the deadline. */
  cut: number;
  /** Whether the deadline came before the last connection had closed. */
  atDeadline: boolean;
}

export interface GracefulStop {
  /** Begins the stop; resolves once every connection is closed. Calling it again returns the same promise. */
  stop: () => Promise<StopResult>;
}

/** Watches `server`'s requests from now on, so a later stop knows what is still in flight. */
export function gracefulStop(server: Server, deadlineMs = stopDeadlineMs): GracefulStop {
  const inFlight = new Set<ServerResponse>();
  let answered = 0;
  let stopping: Promise<StopResult> | undefined;

  // First among the listeners, so the header is set before the app writes anything.
  server.prependListener('request', (_req, res) => {
    inFlight.add(res);
    // A request that arrives on an open connection while stopping is answered, then the connection closes.
    if (stopping) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight.delete(res);
      if (!stopping) return;
      answered++;
      // The connection this answer went out on is idle now (keep-alive): close it.
      setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    stop() {
      stopping ??= new Promise<StopResult>((resolve) => {
        // Answers still to be written tell the client this connection ends with them.
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const deadline = setTimeout(() => {
          const cut = inFlight.size;
          server.closeAllConnections();
          resolve({ answered, cut, atDeadline: true });
        }, deadlineMs);
        deadline.unref();
        // close() stops accepting and calls back once the last connection has ended.
        server.close(() => {
          clearTimeout(deadline);
          resolve({ answered, cut: 0, atDeadline: false });
        });
        server.closeIdleConnections();
      });
      return stopping;
    },
  };
}

/** The one line an instructor sees when the server stops. */
export function stopLine(reason: string, { answered, cut, atDeadline }: StopResult): string {
  const requests = (n: number) => `${n} request${n === 1 ? '' : 's'}`;
  const cutText = atDeadline ? `; at the ${stopDeadlineMs / 1000} s deadline ${requests(cut)} cut off` : '';
  return `Session Lab stopped (${reason}): ${requests(answered)} in flight answered${cutText}.`;
}
