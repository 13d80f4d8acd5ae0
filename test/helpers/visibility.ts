import type { Locator, Page } from 'playwright-core';

/** Why an element is not seen: outside the viewport, or covered (the point hits something else). */
export interface SeenReport {
  inViewport: boolean;
  uncovered: boolean;
  box: { x: number; y: number; width: number; height: number } | null;
}

/**
 * Whether the learner sees `target` without scrolling: its first line box lies inside the page's
 * viewport, and `elementFromPoint` at its centre returns it or a descendant, in its own document
 * and, for an element inside an app frame, the frame in the page at that point too. A box clipped
 * by a scrolling container, under a sticky bar or out of the window fails.
 */
export async function seen(page: Page, target: Locator): Promise<SeenReport> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  // The first line box: an inline span that wraps has a bounding box whose centre may be empty.
  const local = await target.evaluate((element) => {
    const rect = element.getClientRects()[0] ?? element.getBoundingClientRect();
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const hit = element.ownerDocument.elementFromPoint(x, y);
    const frame = element.ownerDocument.defaultView?.frameElement ?? null;
    return {
      rect: { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
      uncovered: hit !== null && (hit === element || element.contains(hit)),
      frameName: frame?.getAttribute('name') ?? null,
    };
  });
  let offset = { x: 0, y: 0 };
  let frameHit = true;
  if (local.frameName) {
    const frame = page.locator(`iframe[name="${local.frameName}"]`);
    const box = await frame.boundingBox();
    offset = { x: box?.x ?? 0, y: box?.y ?? 0 };
    const x = offset.x + local.rect.x + local.rect.width / 2;
    const y = offset.y + local.rect.y + local.rect.height / 2;
    frameHit = await frame.evaluate((element, [px, py]) => document.elementFromPoint(px, py) === element, [
      x,
      y,
    ] as const);
  }
  const box = { ...local.rect, x: local.rect.x + offset.x, y: local.rect.y + offset.y };
  const inViewport =
    box.width > 0 &&
    box.height > 0 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= viewport.width &&
    box.y + box.height <= viewport.height;
  return { inViewport, uncovered: local.uncovered && frameHit, box };
}

/** One line for a failing assertion: what was not seen, and where it was. */
export const describeSeen = (what: string, report: SeenReport) =>
  `${what}: in viewport ${report.inViewport}, uncovered ${report.uncovered}, box ${JSON.stringify(report.box)}`;
