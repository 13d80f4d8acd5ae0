/**
 * Proof on the spot: the server's engine and real Flask in the browser, given the same action,
 * the same key and the same second, should send the same `Set-Cookie` bytes. This compares the
 * two and says so, or says where they part: the payload (the session holds something else), the
 * timestamp (signed in another second), the signature (another key, or other bytes signed) or
 * the attributes (Path, Expires, HttpOnly…). Browser-safe.
 */
import { lastSetCookie } from '../../../sandbox/contract/set-cookie.ts';

/** A part of a Flask session `Set-Cookie` where two can differ. */
export type CookiePart = 'payload' | 'timestamp' | 'signature' | 'attributes';

export type SameBytesVerdict =
  | { same: true; text: string }
  | {
      same: false;
      /** The parts that differ, in the cookie's order. */
      differ: CookiePart[];
      /** The attributes that differ (as written, e.g. 'Expires', 'HttpOnly'), when `differ` has 'attributes'. */
      attributes: string[];
      text: string;
    };

export const sameBytesText = 'Real Flask sent the same bytes.';

/** `payload.timestamp.signature`, the payload keeping a compression dot; undefined when not three parts. */
function partsOf(value: string): { payload: string; timestamp: string; signature: string } | undefined {
  const pieces = value.split('.');
  if (pieces.length < 3) return undefined;
  return {
    payload: pieces.slice(0, -2).join('.'),
    timestamp: pieces.at(-2) as string,
    signature: pieces.at(-1) as string,
  };
}

/** The header's attributes by lower-case name, values as written ('' for a flag). */
function attributesOf(header: string): Map<string, { name: string; value: string }> {
  const out = new Map<string, { name: string; value: string }>();
  for (const part of header.split(';').slice(1)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim();
    out.set(name.toLowerCase(), { name, value: eq === -1 ? '' : trimmed.slice(eq + 1).trim() });
  }
  return out;
}

function differingAttributes(a: string, b: string): string[] {
  const left = attributesOf(a);
  const right = attributesOf(b);
  const names: string[] = [];
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const l = left.get(key);
    const r = right.get(key);
    if (l?.value !== r?.value || l === undefined || r === undefined) names.push((l ?? r)?.name as string);
  }
  return names;
}

const why: Record<Exclude<CookiePart, 'attributes'>, string> = {
  payload: 'the payload (the session holds something else)',
  timestamp: 'the timestamp (signed in another second)',
  signature: 'the signature',
};

/** The sentence for the parts that differ. */
function differenceText(differ: CookiePart[], attributes: string[]): string {
  const valueParts = differ.filter(
    (part): part is Exclude<CookiePart, 'attributes'> => part !== 'attributes',
  );
  const phrases = valueParts.map((part) => why[part]);
  if (valueParts.length === 1 && valueParts[0] === 'signature') {
    phrases[0] = 'the signature only (same bytes signed, so another secret key)';
  } else if (valueParts.includes('signature')) {
    // It signs other bytes, so of course it differs: say so rather than blame the key.
    phrases[phrases.length - 1] = 'so the signature too';
  }
  if (differ.includes('attributes')) phrases.push(`the attributes (${attributes.join(', ')})`);
  return `Real Flask's cookie differs from the server engine's in ${phrases.join(', ')}.`;
}

/**
 * Compares the session `Set-Cookie` the server's engine sent with the one real Flask sent in the
 * browser for the same action (the last one named `name` in each list of headers).
 * @example sameBytes(['session=e30.a.b; HttpOnly; Path=/'], ['session=e30.a.b; HttpOnly; Path=/']).text // 'Real Flask sent the same bytes.'
 */
export function sameBytes(
  serverSetCookies: readonly string[],
  browserSetCookies: readonly string[],
  name = 'session',
): SameBytesVerdict {
  const serverHeader = serverSetCookies.findLast((h) => lastSetCookie([h], name) !== undefined);
  const browserHeader = browserSetCookies.findLast((h) => lastSetCookie([h], name) !== undefined);
  if (serverHeader === undefined && browserHeader === undefined) {
    return { same: true, text: 'Real Flask sent the same bytes: no session cookie, like the server engine.' };
  }
  if (serverHeader === undefined || browserHeader === undefined) {
    return {
      same: false,
      differ: ['payload', 'timestamp', 'signature', 'attributes'],
      attributes: [],
      text:
        serverHeader === undefined
          ? 'Real Flask set a session cookie where the server engine set none.'
          : 'Real Flask set no session cookie where the server engine set one.',
    };
  }
  if (serverHeader === browserHeader) return { same: true, text: sameBytesText };
  const serverValue = lastSetCookie([serverHeader], name)?.value ?? '';
  const browserValue = lastSetCookie([browserHeader], name)?.value ?? '';
  const differ: CookiePart[] = [];
  const a = partsOf(serverValue);
  const b = partsOf(browserValue);
  if (a === undefined || b === undefined) {
    if (serverValue !== browserValue) differ.push('payload', 'timestamp', 'signature');
  } else {
    for (const part of ['payload', 'timestamp', 'signature'] as const)
      if (a[part] !== b[part]) differ.push(part);
  }
  const attributes = differingAttributes(serverHeader, browserHeader);
  if (attributes.length) differ.push('attributes');
  if (differ.length === 0) {
    // Same value and attributes, written another way (order, spacing, case): not the same bytes.
    return {
      same: false,
      differ: ['attributes'],
      attributes: [],
      text: "Real Flask's cookie differs from the server engine's only in how the attributes are written (order, spacing or case).",
    };
  }
  return { same: false, differ, attributes, text: differenceText(differ, attributes) };
}
