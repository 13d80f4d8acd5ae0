import type { Engine } from './inspector/types.ts';

/** How each engine is named on the page: one table, so a new engine cannot be left unnamed. */
interface EngineNames {
  /** In running text and the strip: "Flask", "Express". */
  short: string;
  /** Beside an engine's tab: the library a developer would recognise. */
  long: string;
  /** Under a framed app. */
  app: string;
}

export const engineNames: Record<Engine, EngineNames> = {
  flask: { short: 'Flask', long: 'Flask', app: 'Flask engine' },
  express: { short: 'Express', long: 'Express cookie-session', app: 'Express cookie-session engine' },
  'server-side': { short: 'Server-side', long: 'Server-side sessions', app: 'Server-side session engine' },
  'browser-flask': {
    short: 'Real Flask',
    long: 'Real Flask in your browser',
    app: 'Real Flask (in your browser)',
  },
};
