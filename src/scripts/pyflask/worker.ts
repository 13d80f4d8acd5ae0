/**
 * The Web Worker where real Flask runs: downloads Pyodide and the build's Flask zip from our own
 * server (the manifest's hashed names), starts Python, then answers the page's loads and requests
 * one at a time. The page ends it when a request runs over the limit (runner.ts).
 */
import { errorResponse } from '../../lib/pyflask/error-response.ts';
import type { BrowserFlaskManifest, FromWorker, LoadProgress, ToWorker } from '../../lib/pyflask/types.ts';
import bridgeSource from './bridge.py?raw';
import { countDownloads } from './download-progress.ts';
import { type FlaskInPyodide, startFlask } from './flask-in-pyodide.ts';

const post = (message: FromWorker) => postMessage(message);
const progress = (p: LoadProgress) => post({ type: 'progress', progress: p });

let flask: FlaskInPyodide | undefined;

async function start(manifestUrl: string): Promise<void> {
  const manifest = (await (await fetch(manifestUrl)).json()) as BrowserFlaskManifest;
  if (!manifest.ok) throw new Error(manifest.why);
  const indexURL = new URL(manifest.pyodideDir, manifestUrl).href;
  countDownloads(manifest.totalBytes, (loaded, total) => progress({ phase: 'download', loaded, total }));
  const zip = fetch(new URL(manifest.flaskZip, manifestUrl)).then((res) => res.arrayBuffer());
  const { loadPyodide } = (await import(
    /* @vite-ignore */ `${indexURL}pyodide.mjs`
  )) as typeof import('pyodide');
  const pyodide = await loadPyodide({ indexURL, checkAPIVersion: true });
  progress({ phase: 'python' });
  const zipBytes = await zip;
  progress({ phase: 'flask' });
  flask = startFlask(pyodide, zipBytes, bridgeSource);
  const versions = { ...manifest.versions, ...flask.versions };
  progress({ phase: 'ready', flaskVersion: versions.flask ?? '', versions });
}

addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    start(message.manifestUrl).catch((error: unknown) => {
      post({
        type: 'failed',
        error: { kind: 'load', message: `Real Flask could not start: ${String(error)}` },
      });
    });
    return;
  }
  if (!flask) {
    post({ type: 'failed', error: { kind: 'load', message: 'Real Flask has not started yet.' } });
    return;
  }
  if (message.type === 'load') {
    post({ type: 'loaded', id: message.id, error: flask.load(message.files) });
  } else {
    const answer = flask.request(message.request);
    post({
      type: 'response',
      id: message.id,
      response: 'status' in answer ? answer : errorResponse(answer.error),
    });
  }
});
