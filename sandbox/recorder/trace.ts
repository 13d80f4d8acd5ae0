/**
 * Carries a POST's exchange record to the page the browser is redirected to, without server state:
 * `?trace=<sealed deflate(JSON)>` in the redirect's Location, sealed with AES-256-GCM under a key
 * derived from SESSION_LAB_SECRET (sandbox/web/sealing.ts). Why sealed, not only signed: the record
 * holds the learner's HttpOnly session cookie, and URLs end up in proxy logs and browser history.
 * Only this server (or another sharing the secret) can make or read one; anything else is ignored.
 * Why deflate: records repeat the cookie several times and a URL must stay well under Node's 16 KB
 * header limit, so big records are also cut down (`truncated: true`) to fit MAX_TRACE_LENGTH.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Exchange } from '../exchange/exchange.ts';
import { seal, sealingKey, unseal } from '../web/sealing.ts';
import { shorten } from './bounds.ts';

/** Longest trace put in a URL, in characters. */
export const MAX_TRACE_LENGTH = 6000;
/** Strings longer than this are shortened when a record does not fit. */
const LONG_STRING = 200;

export interface TraceCodec {
  /** The trace parameter value for a record (shortened to fit when needed). */
  seal(exchange: Exchange): string;
  /** The record in a trace, or undefined when it is missing, altered or not one of ours. */
  open(trace: unknown): Exchange | undefined;
}

/** A codec keyed by the server secret (a random key per process when there is none). */
export function createTraceCodec(serverSecret: string | undefined): TraceCodec {
  // A key of its own, derived with a label, so a trace can never stand in for another sealed value.
  const key = sealingKey(serverSecret, 'sandbox trace v2');

  const encode = (exchange: Exchange): string =>
    seal(key, deflateRawSync(Buffer.from(JSON.stringify(exchange), 'utf8'), { level: 1 }));

  return {
    seal(exchange) {
      let trace = encode(exchange);
      if (trace.length <= MAX_TRACE_LENGTH) return trace;
      trace = encode({ ...shortenRecord(exchange), truncated: true });
      if (trace.length <= MAX_TRACE_LENGTH) return trace;
      const { anatomy: _anatomy, ...rest } = shortenRecord(exchange);
      return encode({ ...rest, session: { ...rest.session, before: {}, after: {} }, truncated: true });
    },
    open(trace) {
      if (typeof trace !== 'string' || trace.length > MAX_TRACE_LENGTH) return undefined;
      const body = unseal(key, trace);
      if (body === undefined) return undefined;
      try {
        const json = inflateRawSync(body, { maxOutputLength: 1 << 20 }).toString('utf8');
        const parsed: unknown = JSON.parse(json);
        return typeof parsed === 'object' && parsed !== null ? (parsed as Exchange) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** A shortened record that keeps the sentences learners read whole (Werkzeug's warning is quoted word for word). */
function shortenRecord(exchange: Exchange): Exchange {
  const short = shorten(exchange, LONG_STRING) as Exchange;
  return { ...short, summary: exchange.summary, cookieWarning: exchange.cookieWarning };
}
