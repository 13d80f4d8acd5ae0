/**
 * The one seam between the Code tab and real Flask in the browser (src/scripts/pyflask/runner.ts).
 * available() reads only the build's small manifest; Pyodide itself is fetched on warmUp() (the
 * learner opened Code) or the first Run. A build without Flask says so through available().
 */
import type { FlaskFiles, LoadProgress, WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';
import { BrowserFlask } from '../pyflask/runner.ts';

export interface FlaskRunner {
  available(): Promise<{ ok: true; versions: Record<string, string> } | { ok: false; why: string }>;
  /** Starts downloading and starting Python and Flask, so the first Run waits less. */
  warmUp(): void;
  load(files: FlaskFiles): Promise<void>;
  request(request: WsgiRequest): Promise<WsgiResponse>;
  stop(): void;
}

export function createRunner(options: { onProgress?: (progress: LoadProgress) => void }): FlaskRunner {
  const flask = new BrowserFlask({ onProgress: options.onProgress });
  return {
    available: () => flask.available(),
    warmUp: () => {
      void flask.available().then((availability) => {
        if (availability.ok) flask.warmUp();
      });
    },
    load: (files) => flask.load(files),
    request: (request) => flask.request(request),
    stop: () => flask.stop(),
  };
}
