/**
 * Sizes each app frame to its page, so the app never scrolls inside its frame. The framed page runs
 * no script (its CSP forbids it), so the course page measures it: same origin, on every load.
 */
function fitToPage(frame: HTMLIFrameElement): void {
  try {
    const doc = frame.contentDocument;
    const body = doc?.body;
    if (!body) return;
    // The body's own height, not the document's: that never shrinks below the frame's.
    const resize = () => {
      frame.style.height = `${Math.ceil(body.getBoundingClientRect().height) + 2}px`;
    };
    resize();
    // Opening a <details> in the app (its key settings) changes its height without a load.
    new ResizeObserver(resize).observe(body);
  } catch {
    // Not the sandbox's own page (another origin): leave the frame's default height.
  }
}

for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[data-sandbox-frame]')) {
  frame.addEventListener('load', () => fitToPage(frame));
  if (frame.contentDocument?.readyState === 'complete') fitToPage(frame);
}
