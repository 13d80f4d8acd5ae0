/**
 * After an action inside an app frame (a form sent, so the frame loads a new page), focus moves to
 * the heading of the change strip under it, which says what the action did, instead of staying on
 * the reloaded frame's body, where a keyboard or screen-reader user would have to start again.
 * Only when the learner acted in that frame: a lab experiment that reloads the app keeps its focus.
 */
for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-sandbox-frame]')) {
  frame.addEventListener('load', () => {
    if (document.activeElement !== frame) return;
    const engine = frame.dataset.sandboxFrame ?? '';
    const heading = document.querySelector<HTMLElement>(
      `[data-change-strip="${CSS.escape(engine)}"] .change-heading`,
    );
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'nearest' });
  });
}
