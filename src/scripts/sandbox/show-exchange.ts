/**
 * The one way for a page script to put an exchange it made itself (real Flask in the learner's
 * browser, src/lib/pyflask/exchange-of.ts) where the server's arrive: the timeline, so the change
 * strip of its engine (`data-change-strip="browser-flask"`) and the inspector show it.
 */
import type { Exchange } from '../../lib/inspector/types.ts';
import { addExchanges } from './timeline-store.ts';

/** Adds `exchange` to the learner's timeline (once, by id); the strips and the inspector redraw. */
export function showExchange(exchange: Exchange): void {
  addExchanges([exchange]);
}
