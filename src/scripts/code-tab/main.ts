/**
 * The Code tab: two editors holding the learner's copy of the handout's app (kept per step), Reset,
 * Show solution, and Run, which loads the code into real Flask in this browser, shows its answer in
 * a frame and checks the step's code tasks against it.
 */

import { handoutFiles } from '../../lib/code-tasks/handout.ts';
import { codeTaskById, codeTasksOf } from '../../lib/code-tasks/index.ts';
import { recordCodeTask } from '../../lib/progress.ts';
import type { FlaskFiles, LoadProgress, WsgiResponse } from '../../lib/pyflask/types.ts';
import { loadProgress, updateProgress } from '../progress-store.ts';
import { reportRun } from '../sandbox/code-run-state.ts';
import { type CodeEditor, mountEditor } from './editor.ts';
import { FramedApp } from './framed-app.ts';
import { mountProof } from './proof.ts';
import { createRunner } from './runtime.ts';
import { forgetCode, loadSavedCode, saveCode } from './saved-code.ts';

type FileName = 'flask_app.py' | 'templates/index.html';
const fileNames: FileName[] = ['flask_app.py', 'templates/index.html'];

for (const tab of document.querySelectorAll<HTMLElement>('[data-code-tab]')) setUp(tab);

function setUp(tab: HTMLElement): void {
  const step = tab.dataset.step ?? '';
  const find = <T extends Element>(selector: string): T | null => tab.querySelector<T>(selector);
  const start: FlaskFiles = loadSavedCode(step) ?? { ...handoutFiles };
  const editors = {} as Record<FileName, CodeEditor>;
  const files = (): FlaskFiles => ({
    ...handoutFiles,
    'flask_app.py': editors['flask_app.py'].text(),
    'templates/index.html': editors['templates/index.html'].text(),
  });
  const save = (): void =>
    saveCode(step, {
      'flask_app.py': editors['flask_app.py'].text(),
      'templates/index.html': editors['templates/index.html'].text(),
    });
  for (const file of fileNames) {
    const host = find<HTMLElement>(`[data-code-editor="${file}"]`);
    if (!host) return;
    host.replaceChildren();
    editors[file] = mountEditor(host, { file, text: start[file], onChange: () => editors[file] && save() });
  }
  const show = (next: FlaskFiles): void => {
    for (const file of fileNames) editors[file].setText(next[file]);
  };

  find('[data-code-reset]')?.addEventListener('click', () => {
    show(handoutFiles);
    forgetCode(step);
  });
  for (const button of tab.querySelectorAll<HTMLButtonElement>('[data-code-solution]')) {
    button.addEventListener('click', () => {
      const task = codeTaskById(button.dataset.codeSolution ?? '');
      if (task) show({ ...files(), ...handoutFiles, ...task.solution });
    });
  }

  const solved = loadProgress().codeTasks ?? {};
  for (const item of tab.querySelectorAll<HTMLElement>('[data-code-task]')) {
    if (solved[item.dataset.codeTask ?? '']) showTask(item, { done: true });
  }

  const progressBox = find<HTMLElement>('[data-code-progress]');
  const progressBar = find<HTMLProgressElement>('[data-code-progress-bar]');
  const progressText = find<HTMLElement>('[data-code-progress-text]');
  const versionsNote = find<HTMLElement>('[data-code-versions]');
  const onProgress = (progress: LoadProgress): void => {
    if (!progressBox || !progressBar || !progressText) return;
    progressBox.hidden = progress.phase === 'ready';
    if (progress.phase === 'ready') {
      if (versionsNote) versionsNote.textContent = versionsLine(progress.versions);
    } else if (progress.phase === 'download') {
      progressBar.max = progress.total;
      progressBar.value = progress.loaded;
      progressText.textContent = `Downloading Python and Flask: ${mb(progress.loaded)} of ${mb(progress.total)} MB`;
    } else {
      progressBar.removeAttribute('value');
      progressText.textContent = progress.phase === 'python' ? 'Starting Python…' : 'Loading Flask…';
    }
  };
  const runner = createRunner({ onProgress });
  const runButton = find<HTMLButtonElement>('[data-code-run]');
  const result = find<HTMLElement>('[data-code-result]');
  const status = find<HTMLElement>('[data-code-status]');
  const traceback = find<HTMLElement>('[data-code-traceback]');
  const tracebackText = find<HTMLElement>('[data-code-traceback-text]');
  const frame = find<HTMLIFrameElement>('[data-code-frame]');
  const showAnswer = (response: WsgiResponse): void => {
    if (status)
      status.textContent = `${response.status} ${response.statusText}${response.error ? `: ${response.error.message}` : ''}`;
    if (traceback && tracebackText) {
      traceback.hidden = !response.error?.traceback;
      tracebackText.textContent = response.error?.traceback ?? '';
    }
    for (const file of fileNames)
      editors[file].markLine(response.error?.file === file ? response.error.line : undefined);
    // The answer is what the learner looks for next: its heading to the top of the pane.
    if (result) bringIntoView(result);
  };
  const framed = frame ? new FramedApp(frame, (request) => runner.request(request), showAnswer) : undefined;
  // Each exchange that set a cookie is compared with the server's engine, under the answer.
  mountProof(tab);

  let available = false;
  void runner.available().then((availability) => {
    const note = find<HTMLElement>('[data-code-availability]');
    if (!availability.ok) {
      if (note)
        note.textContent = `${availability.why} To enable it, build the site on a machine whose Python has Flask 3.1 (pip install flask), or point the build at one with FLASK_PYTHON=/path/to/python. The editor, Reset and the solutions work without it.`;
      return;
    }
    available = true;
    const flask = availability.versions.flask;
    if (versionsNote && flask) versionsNote.textContent = `Real Flask ${flask} in your browser.`;
    if (runButton) runButton.disabled = false;
    if (shown) runner.warmUp();
  });
  // Pyodide is fetched once the learner opens Code (the tab comes into view), not before.
  let shown = false;
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    shown = true;
    observer.disconnect();
    if (available) runner.warmUp();
  }).observe(tab);

  runButton?.addEventListener('click', async () => {
    if (result) result.hidden = false;
    runButton.disabled = true;
    runButton.setAttribute('aria-busy', 'true');
    try {
      await run();
    } finally {
      runButton.disabled = false;
      runButton.removeAttribute('aria-busy');
    }
  });

  async function run(): Promise<void> {
    try {
      await runner.load(files());
    } catch (error) {
      const answer = error as WsgiResponse;
      framed?.show(answer);
      showAnswer(answer);
      // The strip says the app did not load, rather than show the last exchange as if current.
      reportRun(answer.error ?? { kind: 'load', message: String(error) });
      return;
    }
    reportRun();
    await framed?.open({ method: 'GET', path: '/', headers: [] });
    for (const task of codeTasksOf(step)) {
      const verdict = await task.check((request) => runner.request(request));
      const item = tab.querySelector<HTMLElement>(`[data-code-task="${task.id}"]`);
      if (item) showTask(item, verdict);
      if (verdict.done) updateProgress((progress) => recordCodeTask(progress, task.id));
    }
  }
}

/** "Real Flask 3.1.3 in your browser (Werkzeug 3.1.3, Python 3.13.2, Pyodide 0.28.0)." */
function versionsLine(versions: Record<string, string>): string {
  const parts = [
    versions.werkzeug && `Werkzeug ${versions.werkzeug}`,
    versions.python && `Python ${versions.python}`,
    versions.pyodide && `Pyodide ${versions.pyodide}`,
  ].filter(Boolean);
  return `Real Flask ${versions.flask ?? ''} in your browser${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}

function showTask(item: HTMLElement, verdict: { done: boolean; missing?: string }): void {
  item.dataset.done = String(verdict.done);
  const status = item.querySelector('[data-code-task-status]');
  if (status) status.textContent = verdict.done ? 'Done ✓' : 'Not done yet';
  const missing = item.querySelector('[data-code-task-missing]');
  if (missing) missing.textContent = verdict.done ? '' : `Still missing: ${verdict.missing ?? ''}`;
}

/**
 * Scrolls `element` to the top of the pinned pane's scrolling body (wide screens), else just into
 * the window's view: scrollIntoView would also scroll the page under the sticky pane.
 */
function bringIntoView(element: HTMLElement): void {
  const body = element.closest<HTMLElement>('[data-pane-body]');
  if (body && body.scrollHeight > body.clientHeight && getComputedStyle(body).overflowY === 'auto') {
    body.scrollTop += element.getBoundingClientRect().top - body.getBoundingClientRect().top;
  } else {
    element.scrollIntoView({ block: 'nearest' });
  }
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
