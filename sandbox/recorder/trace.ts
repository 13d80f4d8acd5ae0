/**
 * Carries a POST's exchange record to the page the browser is redirected to, without server state:
 * `?trace=<base64url(deflate(JSON))>.<base64url(HMAC-SHA256)>` in the redirect's Location. Only this
 * server (or another sharing SESSION_LAB_SECRET) can make one; anything else is ignored.
 * Why deflate: records repeat the cookie several times and a URL must stay well under Node's 16 KB
 * header limit, so big records are also cut down (`truncated: true`) to fit MAX_TRACE_LENGTH.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Exchange } from '../exchange/exchange.ts';

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
  // A key of its own, derived with a label, so the trace MAC can never stand in for another use of the secret.
  // A KeyObject made once: Node 24 rebuilds one on every createHmac call given a Buffer (~6× slower).
  const key = createSecretKey(
    createHmac('sha256', serverSecret ?? randomBytes(32))
      .update('session-lab sandbox trace v1')
      .digest(),
  );
  const mac = (body: string): Buffer => createHmac('sha256', key).update(body).digest();

  const encode = (exchange: Exchange): string => {
    const body = deflateRawSync(Buffer.from(JSON.stringify(exchange), 'utf8'), { level: 1 }).toString(
      'base64url',
    );
    return `${body}.${mac(body).toString('base64url')}`;
  };

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
      const dot = trace.indexOf('.');
      if (dot < 0) return undefined;
      const body = trace.slice(0, dot);
      const given = Buffer.from(trace.slice(dot + 1), 'base64url');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const json = inflateRawSync(Buffer.from(body, 'base64url'), { maxOutputLength: 1 << 20 }).toString(
          'utf8',
        );
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
  const short = shorten(exchange) as Exchange;
  return { ...short, summary: exchange.summary, cookieWarning: exchange.cookieWarning };
}

/** A copy with every long string cut to its start plus a note of how much was left out. */
function shorten(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > LONG_STRING
      ? `${value.slice(0, LONG_STRING)}… [${value.length - LONG_STRING} more characters]`
      : value;
  }
  if (Array.isArray(value)) return value.map(shorten);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shorten(inner)]));
  }
  return value;
}
