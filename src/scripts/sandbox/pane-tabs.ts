/**
 * The sandbox pane's tabs: App | Code | Inspector. The change strip sits outside them, so what the last
 * action did stays in view whichever tab is open. A link that opens the inspector selects its tab first.
 */
import { inspectorShownEvent, showPaneEvent } from './inspector-link.ts';
import { makeTabs } from './tabs.ts';

const panel = document.querySelector<HTMLElement>('[data-sandbox-panel]');
const list = panel?.querySelector<HTMLElement>('[data-pane-tabs]');
const tabs = list
  ? makeTabs(list, (tab) => {
      if (tab.dataset.paneTab === 'inspector') window.dispatchEvent(new CustomEvent(inspectorShownEvent));
    })
  : undefined;
// The pane's layout (sticky beside the lesson on wide screens) applies only once the tabs work.
if (tabs) panel?.setAttribute('data-pane-ready', '');

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
