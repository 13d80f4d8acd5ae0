/**
 * Rate limits per client address on the sandbox's expensive routes (express-rate-limit, counted in
 * memory per process). All limits live here. Chosen for a class: 30 learners behind one school
 * router share one address, so normal use (a lab experiment every few seconds each) stays far
 * below them, while a script hammering a tool is slowed to a trickle. Guessing is the strictest:
 * each guess is ~20 ms of HMACs. Logins count only the refused ones (a wrong password), so a class
 * logging in and out is never slowed while guessing a password is. With WORKERS=N each process
 * counts on its own (up to N× the limit).
 */
import type { RequestHandler, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { httpError } from './web/forms.ts';

export interface RateLimit {
  /** Requests allowed per address in one window. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
}

export interface RateLimits {
  /** Key guessing (/api/guess, /flask/lab/guess). */
  guess: RateLimit;
  /** The decode tool (/api/decode). */
  decode: RateLimit;
  /** Forging a session (/flask/lab/forge). */
  forge: RateLimit;
  /** Every lab experiment (POST /flask/lab/*, /express/lab/*), and the Code tab's same-bytes proof (/api/same-action). */
  lab: RateLimit;
  /** Failed logins to the members' app (POST /flask/login, /express/login, /server-side/login). */
  login: RateLimit;
}

const minute = 60_000;

/** The classroom defaults. */
export const defaultRateLimits: RateLimits = {
  guess: { limit: 60, windowMs: minute },
  decode: { limit: 300, windowMs: minute },
  forge: { limit: 120, windowMs: minute },
  lab: { limit: 900, windowMs: minute },
  login: { limit: 60, windowMs: minute },
};

/** What a learner is told, per tool. */
const what: Record<keyof RateLimits, string> = {
  guess: 'key guesses',
  decode: 'decoded cookies',
  forge: 'forged sessions',
  lab: 'lab experiments',
  login: 'failed logins',
};

/** One limiter: past the limit, a 429 with Retry-After and the sandbox's error page (or JSON). */
function limiter(name: keyof RateLimits, { limit, windowMs }: RateLimit): RequestHandler {
  return rateLimit({
    limit,
    windowMs,
    // A login that succeeds (302 to the members' page) gives its count back.
    skipSuccessfulRequests: name === 'login',
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Without a trusted proxy (the default) X-Forwarded-For is ignored on purpose: no warning per client that sends one.
    validate: { xForwardedForHeader: false },
    handler: (req, _res, next) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(
        1,
        Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000),
      );
      next(
        httpError(
          429,
          `Too many ${what[name]} from your network: at most ${limit} every ${Math.round(windowMs / 1000)} seconds per address (a class behind one router shares it). Please try again in ${seconds} seconds.`,
        ),
      );
    },
  });
}

/** Mounts the limiters on the sandbox router (paths relative to /sandbox). */
export function mountRateLimits(router: Router, overrides: Partial<RateLimits> = {}): void {
  const limits = { ...defaultRateLimits, ...overrides };
  const guess = limiter('guess', limits.guess);
  router.post(['/api/guess', '/flask/lab/guess'], guess);
  router.use('/api/decode', limiter('decode', limits.decode));
  router.post('/flask/lab/forge', limiter('forge', limits.forge));
  router.post(['/flask/lab/*path', '/express/lab/*path', '/api/same-action'], limiter('lab', limits.lab));
  router.post(['/flask/login', '/express/login', '/server-side/login'], limiter('login', limits.login));
}
