import type { Exchange } from '../../src/lib/inspector/types.ts';

let counter = 0;

/** A plausible Flask `GET /` record with an empty session; override what a test cares about. */
export function exchange(
  overrides: Omit<Partial<Exchange>, 'session'> & { session?: Partial<Exchange['session']> } = {},
): Exchange {
  counter += 1;
  const { session, ...rest } = overrides;
  return {
    id: `x${counter}`,
    engine: 'flask',
    at: 1_700_000_000_000 + counter,
    action: 'show',
    method: 'GET',
    path: '/sandbox/flask/',
    status: 200,
    requestCookie: null,
    setCookies: [],
    vary: 'Cookie',
    session: { status: 'none', before: {}, after: {}, ...session } as Exchange['session'],
    cookieAfter: null,
    codeLines: [8, 9],
    templateBranch: 'else',
    summary: 'GET / with an empty session.',
    ...rest,
  } as Exchange;
}

export const flaskCookie = 'eyJmaXJzdE5hbWUiOiJBZGEifQ.ZVN6AA.abcdefghijklmnopqrstuvwxyz0';
