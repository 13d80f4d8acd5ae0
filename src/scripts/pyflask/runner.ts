/**
 * Real Flask in the learner's browser: the page's side. Python runs in a Web Worker (worker.ts),
 * started on the first load() or request(), so nothing of Pyodide is fetched before the learner
 * opens Code or presses Run. A request over the time limit ends the worker; a new one starts with
 * the last files, so a `while True: pass` never freezes the page.
 */
import { errorResponse } from '../../lib/pyflask/error-response.ts';
import {
  type BrowserFlaskManifest,
  defaultTimeoutMs,
  type FlaskFiles,
  type FlaskRunError,
  type FromWorker,
  type LoadProgress,
  type ToWorker,
  timeoutMessage,
  type WsgiRequest,
  type WsgiResponse,
} from '../../lib/pyflask/types.ts';

export type { FlaskFiles, LoadProgress, WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';

export interface BrowserFlaskOptions {
  /** Called as Pyodide downloads and starts, for the progress bar. */
  onProgress?: (progress: LoadProgress) => void;
  /** The limit on one request or one import of the app, in ms (default 5000). */
  timeoutMs?: number;
  /** Where the build wrote the manifest (default: `_pyodide/manifest.json` under the site's base). */
  manifestUrl?: string;
}

/** load()'s rejection: the app did not import (a syntax error, an exception at import, a timeout). */
export class FlaskLoadError extends Error implements WsgiResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: [string, string][];
  readonly body: string;
  readonly error: FlaskRunError;
  constructor(error: FlaskRunError) {
    super(error.message);
    this.name = 'FlaskLoadError';
    const response = errorResponse(error);
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.body = response.body;
    this.error = error;
  }
}

/** The manifest's address under the site's base (BASE_PATH), e.g. '/course/_pyodide/manifest.json'. */
export function defaultManifestUrl(): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return `${base.endsWith('/') ? base : `${base}/`}_pyodide/manifest.json`;
}

type Settled =
  | { kind: 'message'; message: FromWorker }
  | { kind: 'timeout' }
  | { kind: 'crash'; error: FlaskRunError };

/** One worker: started, then answering one call at a time. */
interface Running {
  worker: Worker;
  /** Resolves when Pyodide and Flask are ready (and the last files re-imported after a restart). */
  ready: Promise<void>;
  /** The call in flight, answered by the worker's message, a crash or the timer. */
  waiting?: { id: number; settle: (s: Settled) => void };
}

export class BrowserFlask {
  readonly #onProgress?: (progress: LoadProgress) => void;
  readonly #timeoutMs: number;
  readonly #manifestUrl: string;
  #manifest?: Promise<BrowserFlaskManifest>;
  #running?: Running;
  /** The files last imported without a timeout: a restarted worker imports them again. */
  #files?: FlaskFiles;
  #nextId = 1;
  /** Calls run one after another: Python in the worker answers one request at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: BrowserFlaskOptions = {}) {
    this.#onProgress = opts.onProgress;
    this.#timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
    this.#manifestUrl = opts.manifestUrl ?? defaultManifestUrl();
  }

  /** Whether this build packed Flask, and which versions; reads the build's manifest (a few hundred bytes). */
  async available(): Promise<{ ok: true; versions: Record<string, string> } | { ok: false; why: string }> {
    const manifest = await this.#readManifest();
    return manifest.ok ? { ok: true, versions: manifest.versions } : { ok: false, why: manifest.why };
  }

  /** Imports the learner's app (again). Rejects with a FlaskLoadError (its line included) when it does not import. */
  load(files: FlaskFiles): Promise<void> {
    return this.#enqueue(async () => {
      const settled = await this.#call((id) => ({ type: 'load', id, files: { ...files } }));
      if (settled.kind === 'timeout') throw new FlaskLoadError(this.#timeoutError());
      this.#files = { ...files };
      if (settled.kind === 'crash') throw new FlaskLoadError(settled.error);
      const { message } = settled;
      if (message.type === 'loaded' && message.error) throw new FlaskLoadError(message.error);
    });
  }

  /** Sends one request to the learner's app. Never throws for the app's errors: they come back as a 500 with `error`. */
  request(request: WsgiRequest): Promise<WsgiResponse> {
    return this.#enqueue(async () => {
      const settled = await this.#call((id) => ({ type: 'request', id, request }));
      if (settled.kind === 'timeout') return errorResponse(this.#timeoutError());
      if (settled.kind === 'crash') return errorResponse(settled.error);
      const { message } = settled;
      return message.type === 'response'
        ? message.response
        : errorResponse(loadError('The worker answered out of turn.'));
    });
  }

  /** Starts the worker (downloading Pyodide and Flask) ahead of the first load(), if not started yet. */
  warmUp(): void {
    this.#start().ready.catch(() => undefined);
  }

  /** Ends the worker; a later load() or request() starts a new one. */
  stop(): void {
    const running = this.#running;
    this.#running = undefined;
    if (!running) return;
    running.worker.terminate();
    running.waiting?.settle({ kind: 'crash', error: loadError('Real Flask was stopped.') });
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #readManifest(): Promise<BrowserFlaskManifest> {
    this.#manifest ??= fetch(this.#manifestUrl)
      .then(async (res) => {
        if (!res.ok) throw new Error(`${res.status}`);
        return (await res.json()) as BrowserFlaskManifest;
      })
      .catch(
        (): BrowserFlaskManifest => ({
          ok: false,
          why: 'This copy of Session Lab was built without real Flask (its manifest could not be read).',
        }),
      );
    return this.#manifest;
  }

  #timeoutError(): FlaskRunError {
    return { kind: 'timeout', message: timeoutMessage(this.#timeoutMs) };
  }

  /** Posts one message once the worker is ready, and waits for its answer, a crash or the time limit. */
  async #call(message: (id: number) => ToWorker): Promise<Settled> {
    const running = this.#start();
    try {
      await running.ready;
    } catch (error) {
      return { kind: 'crash', error: asRunError(error) };
    }
    const id = this.#nextId++;
    const settled = await new Promise<Settled>((settle) => {
      const timer = setTimeout(() => settle({ kind: 'timeout' }), this.#timeoutMs);
      running.waiting = {
        id,
        settle: (s) => {
          clearTimeout(timer);
          running.waiting = undefined;
          settle(s);
        },
      };
      running.worker.postMessage(message(id));
    });
    // Over the limit or crashed: this worker is done; the next call starts a fresh one.
    if (settled.kind !== 'message') this.#restart(running);
    return settled;
  }

  #restart(running: Running): void {
    running.worker.terminate();
    if (this.#running === running) this.#running = undefined;
    this.#start();
  }

  /** The running worker, or a new one that downloads Pyodide and Flask and imports the last files. */
  #start(): Running {
    if (this.#running) return this.#running;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'real-flask',
    });
    const running: Running = { worker, ready: Promise.resolve() };
    const files = this.#files;
    running.ready = new Promise<void>((resolve, reject) => {
      let started = false;
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'progress') {
          this.#onProgress?.(message.progress);
          if (message.progress.phase === 'ready' && !started) {
            started = true;
            if (files) worker.postMessage({ type: 'load', id: 0, files } satisfies ToWorker);
            else resolve();
          }
        } else if (message.type === 'failed') {
          if (!started) reject(message.error);
          running.waiting?.settle({ kind: 'crash', error: message.error });
        } else if (message.id === 0) {
          resolve();
        } else if (running.waiting?.id === message.id) {
          running.waiting.settle({ kind: 'message', message });
        }
      });
      // An uncaught error or a wasm abort (out of memory): the worker cannot be trusted again.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const error = crashError(event.message);
        if (!started) reject(error);
        running.waiting?.settle({ kind: 'crash', error });
        if (this.#running === running) {
          this.#running = undefined;
          worker.terminate();
        }
      });
    });
    running.ready.catch(() => {
      if (this.#running === running) this.#running = undefined;
      worker.terminate();
    });
    this.#running = running;
    void this.#readManifest().then((manifest) => {
      if (!manifest.ok) return worker.dispatchEvent(new ErrorEvent('error', { message: manifest.why }));
      worker.postMessage({
        type: 'start',
        manifestUrl: new URL(this.#manifestUrl, location.href).href,
      } satisfies ToWorker);
    });
    return running;
  }
}

function loadError(message: string): FlaskRunError {
  return { kind: 'load', message };
}

/** A crashed worker's message as the learner reads it: running out of memory is named as such. */
function crashError(message: string | undefined): FlaskRunError {
  const text = message || 'Real Flask stopped unexpectedly.';
  return /memory|out of bounds|Aborted/i.test(text)
    ? { kind: 'memory', message: 'your code used more memory than the page can give it, so it was stopped' }
    : loadError(text);
}

function asRunError(error: unknown): FlaskRunError {
  if (typeof error === 'object' && error !== null && 'kind' in error && 'message' in error)
    return error as FlaskRunError;
  return loadError(error instanceof Error ? error.message : String(error));
}
