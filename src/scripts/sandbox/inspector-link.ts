/** Fired on `window` to open the inspector at one exchange (its id); inspector.ts does the opening. */
export const openExchangeEvent = 'session-lab:open-exchange';
/** Fired on `window` to show one tab of the sandbox pane (its id: app, code, inspector); pane-tabs.ts shows it. */
export const showPaneEvent = 'session-lab:show-pane';
/** Fired on `window` when the learner opens the Inspector tab: its newest entries are then in view. */
export const inspectorShownEvent = 'session-lab:inspector-shown';

/** Selects the Inspector tab (where there is one), unfolds the exchange `id`, scrolls to it and moves focus there. */
export function openInspectorAt(id: string | undefined): void {
  window.dispatchEvent(new CustomEvent(showPaneEvent, { detail: 'inspector' }));
  window.dispatchEvent(new CustomEvent(openExchangeEvent, { detail: id }));
}
