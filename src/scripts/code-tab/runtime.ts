/**
 * The one seam between the Code tab and real Flask in the browser (src/scripts/pyflask/runner.ts).
 * Until that runner is part of the build, this stand-in says it is not available, so the tab
 * explains how to enable it and everything else works. Swap the body for `new BrowserFlask(options)`.
 */
import type { FlaskFiles, LoadProgress, WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';

export interface FlaskRunner {
  available(): Promise<{ ok: true; versions: Record<string, string> } | { ok: false; why: string }>;
  load(files: FlaskFiles): Promise<void>;
  request(request: WsgiRequest): Promise<WsgiResponse>;
  stop(): void;
}

export function createRunner(_options: { onProgress?: (progress: LoadProgress) => void }): FlaskRunner {
  const why = 'This build has no real Flask for the browser.';
  return {
    available: async () => ({ ok: false, why }),
    load: async () => {
      throw new Error(why);
    },
    request: async () => {
      throw new Error(why);
    },
    stop: () => undefined,
  };
}
