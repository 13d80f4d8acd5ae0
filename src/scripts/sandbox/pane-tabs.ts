/**
 * The sandbox pane's tabs: App | Code | Inspector. A link that opens the inspector selects its tab first.
 * The change strip is right under the app (phones, and pages without JavaScript); where the pane is
 * pinned beside the lesson it moves to the pane's foot, outside the tabs, so what the last action did
 * stays in view whichever tab is open. On phones, while Code is open, the Flask strip moves under the
 * Code tab's answer instead, where the learner ran their app and pressed its buttons. Only the strip
 * moves, never a frame (that would reload it).
 */
import { inspectorShownEvent, showPaneEvent } from './inspector-link.ts';
import { makeTabs } from './tabs.ts';

const panel = document.querySelector<HTMLElement>('[data-sandbox-panel]');
const list = panel?.querySelector<HTMLElement>('[data-pane-tabs]');
const tabs = list
  ? makeTabs(list, (tab) => {
      if (tab.dataset.paneTab === 'inspector') window.dispatchEvent(new CustomEvent(inspectorShownEvent));
      placeStrips();
    })
  : undefined;
// The pane's layout (sticky beside the lesson on wide screens) applies only once the tabs work.
if (tabs) panel?.setAttribute('data-pane-ready', '');

/** As wide as sandbox.css pins the pane. */
const pinned = matchMedia('(min-width: 64rem)');
const strips = panel?.querySelector<HTMLElement>('[data-pane-strips]');
const underApps = panel?.querySelector<HTMLElement>('.sandbox-apps');
const flaskStrip = strips?.querySelector<HTMLElement>('[data-change-strip="flask"]');
const codeSlot = panel?.querySelector<HTMLElement>('[data-code-strip-slot]');
/** Where the Flask strip goes back to among the strips. */
const flaskStripHome = document.createComment('the Flask change strip');
flaskStrip?.before(flaskStripHome);
function placeStrips(): void {
  if (!tabs || !panel || !strips || !underApps) return;
  if (pinned.matches) panel.append(strips);
  else underApps.after(strips);
  if (!flaskStrip || !codeSlot) return;
  const codeOpen = codeSlot.closest<HTMLElement>('[data-pane-panel]')?.hidden === false;
  if (!pinned.matches && codeOpen) codeSlot.append(flaskStrip);
  else if (flaskStrip.parentElement !== strips) flaskStripHome.after(flaskStrip);
}
placeStrips();
pinned.addEventListener('change', placeStrips);

/** Selects the tab whose panel holds `element` (a tool the learner is sent to), if it is in one. */
export function showPaneOf(element: Element): void {
  const index = tabs?.indexOf(element) ?? -1;
  if (index >= 0) tabs?.select(index, false);
}

window.addEventListener(showPaneEvent, (event) => {
  const id = (event as CustomEvent<string>).detail;
  const target = document.getElementById(`pane-${id}`);
  if (target) showPaneOf(target);
});
