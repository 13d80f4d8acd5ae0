import { openInspectorAt } from './inspector-link.ts';
import { showPaneOf } from './pane-tabs.ts';
import { getTimeline } from './timeline-store.ts';

/** A control inside an app frame (same origin), found by a selector on the framed page. */
function inFrame(engine: string, selector: string): HTMLElement | null {
  const frame = document.querySelector<HTMLIFrameElement>(`iframe[data-sandbox-frame="${engine}"]`);
  try {
    return frame?.contentDocument?.querySelector<HTMLElement>(selector) ?? null;
  } catch {
    return null;
  }
}

/** Brings `element` into view and gives it focus; its frame or fold first, when it is inside one. */
function reveal(element: HTMLElement | null, scrollTarget?: Element | null): void {
  if (!element) return;
  // The tool's tab first (a frame's control is in the App tab), then its fold.
  showPaneOf(scrollTarget ?? element);
  element.closest('details')?.setAttribute('open', '');
  (scrollTarget ?? element).scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

const frameOf = (engine: string) => document.querySelector(`iframe[data-sandbox-frame="${engine}"]`);

/** How to open each sandbox tool a task needs (the ids of src/lib/task-help.ts). */
const tools: Record<string, () => void> = {
  'app-store': () => reveal(inFrame('flask', '#firstName'), frameOf('flask')),
  'app-clear': () => reveal(inFrame('flask', 'form[action$="/clear"] button'), frameOf('flask')),
  'app-login': () => reveal(inFrame('flask', '#username'), frameOf('flask')),
  'app-permanent': () => reveal(inFrame('flask', 'form[action$="/permanent"] button'), frameOf('flask')),
  'express-app': () => reveal(inFrame('express', '#firstName'), frameOf('express')),
  'lab-tamper': () => reveal(document.querySelector<HTMLElement>('#tamper-flask')),
  'lab-replay': () =>
    reveal(
      document.querySelector<HTMLElement>('[data-lab-tool="replay"], #lab-replay') ??
        document.querySelector<HTMLElement>('[data-lab-fold] summary'),
    ),
  inspector: () => {
    const timeline = getTimeline();
    const empty = timeline.findLast(
      (e) => e.engine === 'flask' && e.method === 'GET' && Object.keys(e.session.after).length === 0,
    );
    openInspectorAt(empty?.id ?? timeline.at(-1)?.id);
  },
  'inspector-post': () => {
    const timeline = getTimeline();
    openInspectorAt(timeline.findLast((e) => e.method === 'POST')?.id ?? timeline.at(-1)?.id);
  },
};

/** Opens the sandbox tool a task needs and moves focus there. */
export function openTool(tool: string): void {
  tools[tool]?.();
}
