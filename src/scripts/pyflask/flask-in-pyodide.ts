/**
 * Flask inside a started Pyodide: unpacks the build's Flask zip into site-packages, installs the
 * WSGI bridge (bridge.py) and calls it. The worker uses it; so do the Node tests, with Pyodide from
 * node_modules, so the bridge they test is the one the browser runs.
 */
import type { PyodideAPI } from 'pyodide';
import type { FlaskFiles, FlaskRunError, WsgiRequest, WsgiResponse } from '../../lib/pyflask/types.ts';

type Bridge = {
  versions(): string;
  load(files: string): string;
  request(request: string): string;
};

export interface FlaskInPyodide {
  /** Versions packed, e.g. { flask: '3.1.3', …, python: '3.14.0' }. */
  versions: Record<string, string>;
  /** Imports the learner's files; an error when they do not import. */
  load(files: FlaskFiles): FlaskRunError | undefined;
  /** One request; the app's error when it raised (the page turns it into a 500). */
  request(request: WsgiRequest): WsgiResponse | { error: FlaskRunError };
}

/** The bridge's module name in Python: not one a learner would pick for their own file. */
const bridgeModule = 'session_lab_bridge';

export function startFlask(pyodide: PyodideAPI, flaskZip: ArrayBuffer, bridgeSource: string): FlaskInPyodide {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']") as string;
  pyodide.unpackArchive(flaskZip, 'zip', { extractDir: sitePackages });
  pyodide.FS.mkdirTree('/home/pyodide/bridge');
  pyodide.FS.writeFile(`/home/pyodide/bridge/${bridgeModule}.py`, bridgeSource);
  pyodide.runPython(`import sys; sys.path.insert(0, '/home/pyodide/bridge'); import ${bridgeModule}`);
  const bridge = pyodide.pyimport(bridgeModule) as unknown as Bridge;
  // Flask itself is imported now, so the learner's first Run pays only for their own module.
  pyodide.runPython('import flask');
  return {
    versions: JSON.parse(bridge.versions()) as Record<string, string>,
    load(files) {
      const result = JSON.parse(bridge.load(JSON.stringify(files))) as { error?: FlaskRunError };
      return result.error;
    },
    request(request) {
      return JSON.parse(bridge.request(JSON.stringify(request))) as WsgiResponse | { error: FlaskRunError };
    },
  };
}
