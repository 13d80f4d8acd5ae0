/**
 * WAI-ARIA tabs over existing markup: a [role=tablist] of [role=tab] buttons, each naming its panel in
 * aria-controls. Without JavaScript the list stays hidden and every panel shows, one after the other;
 * here the list appears, panels become tabpanels, and Left/Right/Home/End move between tabs.
 */
export interface Tabs {
  select(index: number, focus: boolean): void;
  /** The tab whose panel holds `element`, or -1. */
  indexOf(element: Element): number;
}

export function makeTabs(list: HTMLElement, onSelect?: (tab: HTMLButtonElement) => void): Tabs {
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute('aria-controls') ?? ''));
  const show = (index: number) => {
    tabs.forEach((tab, i) => {
      const selected = i === index;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = panels[i];
      if (panel) panel.hidden = !selected;
    });
  };
  const select = (index: number, focus: boolean) => {
    show(index);
    if (focus) tabs[index]?.focus();
    const tab = tabs[index];
    if (tab) onSelect?.(tab);
  };
  panels.forEach((panel, i) => {
    panel?.setAttribute('role', 'tabpanel');
    panel?.setAttribute('aria-labelledby', tabs[i]?.id ?? '');
  });
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(i, false));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step === undefined && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      const next =
        event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? tabs.length - 1
            : (i + (step ?? 0) + tabs.length) % tabs.length;
      select(next, true);
    });
  });
  list.hidden = false;
  // The first tab, shown without telling `onSelect`: the learner has not chosen it.
  show(0);
  return { select, indexOf: (element) => panels.findIndex((panel) => panel?.contains(element)) };
}
