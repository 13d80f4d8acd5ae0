/**
 * Sealing small values only this server can read: AES-256-GCM with a key derived from the server
 * secret by HKDF-SHA256 and a label per use, so the lab cookie's key can never open a trace and
 * the other way round. Used for the `sandbox_lab` cookie and the inspector's `?trace=` records.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Without a server secret: one random secret per process (sealed values then last as long as it). */
const processSecret = randomBytes(32);
const derived = new Map<string, Buffer>();

/** The 32-byte key for `label` under `secret` (or the process's random secret). */
export function sealingKey(secret: string | undefined, label: string): Buffer {
  const id = `${secret === undefined ? '\u0000' : `=${secret}`}\u0000${label}`;
  let key = derived.get(id);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', secret ?? processSecret, 'session-lab', label, 32));
    derived.set(id, key);
  }
  return key;
}

const IV = 12;
const TAG = 16;

/** `bytes` sealed: iv · tag · ciphertext, base64url (cookie- and URL-safe). */
export function seal(key: Buffer, bytes: Uint8Array): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The bytes inside a sealed value, or undefined when it is malformed, altered or not sealed with `key`. */
export function unseal(key: Buffer, text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !/^[\w-]+$/.test(text)) return undefined;
  const sealed = Buffer.from(text, 'base64url');
  // Only the canonical spelling: base64 decoders drop stray trailing bits, so `…x` would open too.
  if (sealed.length < IV + TAG + 1 || sealed.toString('base64url') !== text) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
    decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
  } catch {
    return undefined;
  }
}
