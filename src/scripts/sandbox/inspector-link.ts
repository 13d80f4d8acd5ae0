/** Fired on `window` to open the inspector at one exchange (its id); inspector.ts does the opening. */
export const openExchangeEvent = 'session-lab:open-exchange';

/** Opens the full inspector, unfolds the exchange `id`, scrolls to it and moves focus there. */
export function openInspectorAt(id: string | undefined): void {
  window.dispatchEvent(new CustomEvent(openExchangeEvent, { detail: id }));
}
