/**
 * The engines as tabs (Flask | Express cookie-session) where a page shows both. Without JavaScript
 * both apps stay on the page one after the other; the tabs appear only when they can work.
 */
for (const list of document.querySelectorAll<HTMLElement>('[data-engine-tabs]')) {
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[data-engine-tab]')];
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute('aria-controls') ?? ''));
  const select = (index: number, focus: boolean) => {
    tabs.forEach((tab, i) => {
      const selected = i === index;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = panels[i];
      if (panel) panel.hidden = !selected;
    });
    if (focus) tabs[index]?.focus();
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
  select(0, false);
}

/** Shows the tab of `engine` (the lab's Express tamper needs the Express app in view). */
export function showEngine(engine: string): void {
  document.querySelector<HTMLButtonElement>(`[data-engine-tab="${CSS.escape(engine)}"]`)?.click();
}
