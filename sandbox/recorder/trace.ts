/**
 * Carries a POST's exchange record to the page the browser is redirected to, without server state:
 * `?trace=<sealed deflate(JSON)>` in the redirect's Location, sealed with AES-256-GCM under a key
 * derived from SESSION_LAB_SECRET (sandbox/web/sealing.ts). Why sealed, not only signed: the record
 * holds the learner's HttpOnly session cookie, and URLs end up in proxy logs and browser history.
 * Only this server (or another sharing the secret) can make or read one; anything else is ignored.
 * Why deflate: records repeat the cookie several times and a URL must stay well under Node's 16 KB
 * header limit, so big records are also cut down (`truncated: true`) to fit MAX_TRACE_LENGTH.
 * Why bound and short-lived: the URL may be copied, shared or read from history, so a trace opens
 * only for the browser it was made for (the one holding the session cookie the record says it now
 * holds, `cookieAfter`) and only for TRACE_LIFETIME_MS; anyone else gets the page without it.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Exchange } from '../contract/exchange.ts';
import { lastSetCookie } from '../contract/set-cookie.ts';
import { seal, sealingKey, unseal } from '../web/sealing.ts';
import { shorten } from './bounds.ts';

/** Longest trace put in a URL, in characters. */
export const MAX_TRACE_LENGTH = 6000;
/** Strings longer than this are shortened when a record does not fit. */
const LONG_STRING = 200;
/** How long a trace opens after it was made: the redirect is followed at once; a reload minutes later shows the page without it. */
export const TRACE_LIFETIME_MS = 5 * 60_000;

export interface TraceCodec {
  /** The trace parameter value for a record (shortened to fit when needed), bound to its `cookieAfter`. */
  seal(exchange: Exchange): string;
  /**
   * The record in a trace, or undefined when it is missing, altered, not one of ours, expired, or made
   * for another browser: `sessionCookie` is the `session` cookie the request carries (null: none).
   */
  open(trace: unknown, sessionCookie: string | null): Exchange | undefined;
}

/** What a trace seals: the record, whom it is for (hashes of the session cookie they may hold) and until when. */
interface Sealed {
  record: Exchange;
  for: string[];
  until: number;
}

/** Test hooks; production uses the defaults. */
export interface TraceCodecOptions {
  /** The clock, Unix milliseconds (default: Date.now). */
  now?: () => number;
}

/** A codec keyed by the server secret (a random key per process when there is none). */
export function createTraceCodec(
  serverSecret: string | undefined,
  options: TraceCodecOptions = {},
): TraceCodec {
  const now = options.now ?? Date.now;
  // A key of its own, derived with a label, so a trace can never stand in for another sealed value.
  const key = sealingKey(serverSecret, 'sandbox trace v3');

  // `holders` from the whole record: shortening may cut its cookies.
  const encode = (record: Exchange, holder: string[]): string => {
    const sealed: Sealed = { record, for: holder, until: now() + TRACE_LIFETIME_MS };
    return seal(key, deflateRawSync(Buffer.from(JSON.stringify(sealed), 'utf8'), { level: 1 }));
  };

  return {
    seal(exchange) {
      const holder = holdersOf(exchange);
      let trace = encode(exchange, holder);
      if (trace.length <= MAX_TRACE_LENGTH) return trace;
      trace = encode({ ...shortenRecord(exchange), truncated: true }, holder);
      if (trace.length <= MAX_TRACE_LENGTH) return trace;
      const { anatomy: _anatomy, ...rest } = shortenRecord(exchange);
      return encode(
        { ...rest, session: { ...rest.session, before: {}, after: {} }, truncated: true },
        holder,
      );
    },
    open(trace, sessionCookie) {
      if (typeof trace !== 'string' || trace.length > MAX_TRACE_LENGTH) return undefined;
      const body = unseal(key, trace);
      if (body === undefined) return undefined;
      let sealed: Partial<Sealed>;
      try {
        sealed = JSON.parse(inflateRawSync(body, { maxOutputLength: 1 << 20 }).toString('utf8'));
      } catch {
        return undefined;
      }
      if (typeof sealed !== 'object' || sealed === null) return undefined;
      if (typeof sealed.until !== 'number' || now() > sealed.until) return undefined;
      if (!Array.isArray(sealed.for) || !sealed.for.includes(holderOf(sessionCookie))) return undefined;
      return typeof sealed.record === 'object' && sealed.record !== null ? sealed.record : undefined;
    },
  };
}

/**
 * The browsers a record's trace is for: the one holding `cookieAfter` and, when the response set a
 * cookie the recorder judged too big to keep (browsers differ on the exact limit), the one that kept it.
 */
function holdersOf(exchange: Exchange): string[] {
  const set = lastSetCookie(exchange.setCookies, 'session');
  const kept = set?.value ? set.value : exchange.cookieAfter;
  return [...new Set([holderOf(exchange.cookieAfter), holderOf(kept)])];
}

/**
 * Whom a trace is for: a hash of the session cookie their browser holds (or of holding none). Inside
 * the sealed trace, so it reveals nothing; a hash, so the trace does not carry the cookie twice.
 */
function holderOf(sessionCookie: string | null): string {
  const held = sessionCookie === null ? 'none' : `session=${sessionCookie}`;
  return createHash('sha256').update(held).digest('base64url').slice(0, 22);
}

/** A shortened record that keeps the sentences learners read whole (Werkzeug's warning is quoted word for word). */
function shortenRecord(exchange: Exchange): Exchange {
  const short = shorten(exchange, LONG_STRING) as Exchange;
  return { ...short, summary: exchange.summary, cookieWarning: exchange.cookieWarning };
}
