/**
 * Server settings, all from environment variables so instructors configure without editing code.
 * Bad values throw a ConfigError whose message says how to fix them; start.ts prints it as one line.
 */

import { accessSync, constants, statSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The handout's example key. Public on purpose: learners reproduce every signature with it. */
export const publicDemoKey = 'w98fw9ef8hwe98fhwef';

/** The course's name when COURSE_TITLE is not set. */
export const defaultCourseTitle = 'Session Lab';

/** Where the server-side engine's SQLite file lives when DATA_DIR is not set (git-ignored). */
export const defaultDataDir = fileURLToPath(new URL('../data', import.meta.url));

/** Shortest accepted SESSION_LAB_SECRET: 32 characters of random text carry enough entropy for HMAC keys. */
export const minServerSecretLength = 32;

/**
 * Least accepted spread of SESSION_LAB_SECRET, in bits: its length times the Shannon entropy of its
 * characters' frequencies. Random base64 of 32 bytes scores ~210, 32 random hex digits ~110, a
 * repeated character or all spaces 0: a crude estimate that only catches secrets nobody drew at random.
 */
export const minServerSecretBits = 96;

export interface ServerConfig {
  host: string;
  port: number;
  /** Prefix everything is served under, e.g. '/course'; '' at the root of the host. */
  basePath: string;
  /** Number of worker processes (node:cluster); 1 runs a single process without a primary. */
  workers: number;
  /** The course's name in page titles and the header (built into the pages). */
  courseTitle: string;
  /** express's `trust proxy` setting: which proxies may say who the client is (X-Forwarded-For/-Proto). */
  trustProxy: boolean | number | string;
  /** Key the sandbox's Flask and Express engines sign with, unless a learner's lab settings say otherwise. */
  sandboxSecretKey: string;
  /** True when the sandbox key is the public demo key (the page labels it so). */
  sandboxKeyIsPublicDemo: boolean;
  /** The members' app's admin password (never shown); undefined: derived from the server secret, random per start. */
  sandboxAdminPassword: string | undefined;
  /**
   * The server's own secret, for what only the server may write (e.g. the inspector's records).
   * Must be set, and equal on every process, when several serve one class.
   */
  serverSecret: string | undefined;
  /** Largest accepted request body, in bytes; bigger forms get a 413 page. */
  bodyLimit: number;
  /** Log one line per request to stdout. */
  logRequests: boolean;
  /** Folder of the server-side sessions' SQLite file (an absolute path). */
  dataDir: string;
  /** When set, server-side sessions live in this Redis instead of SQLite. */
  redisUrl: string | undefined;
}

/** Reads the configuration from `env`, with safe defaults for a laptop. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const sandboxSecretKey = env.SANDBOX_SECRET_KEY || publicDemoKey;
  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT),
    basePath: parseBasePath(env.BASE_PATH),
    workers: parseWorkers(env.WORKERS),
    courseTitle: parseCourseTitle(env.COURSE_TITLE),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sandboxSecretKey,
    sandboxKeyIsPublicDemo: sandboxSecretKey === publicDemoKey,
    sandboxAdminPassword: parseAdminPassword(env.SANDBOX_ADMIN_PASSWORD),
    serverSecret: parseServerSecret(env.SESSION_LAB_SECRET),
    bodyLimit: 16 * 1024,
    logRequests: env.LOG_REQUESTS !== '0',
    dataDir: parseDataDir(env.DATA_DIR),
    redisUrl: parseRedisUrl(env.REDIS_URL),
  };
}

/**
 * @example parsePort(undefined) // 4321
 * @example parsePort('8080') // 8080
 */
export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4321;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new ConfigError(
      `PORT must be a whole number from 0 to 65535, not "${value}". Example: PORT=8080 npm start`,
    );
  }
  return port;
}

/**
 * A path prefix of plain segments, without the trailing slash; '' (or '/') serves at the root.
 * @example parseBasePath('/course/') // '/course'
 * @example parseBasePath(undefined) // ''
 */
export function parseBasePath(value: string | undefined): string {
  if (value === undefined || value === '' || value === '/') return '';
  const trimmed = value.endsWith('/') ? value.slice(0, -1) : value;
  const segments = trimmed.split('/').slice(1);
  const plain = trimmed.startsWith('/') && segments.every((s) => /^[\w.~-]+$/.test(s) && !/^\.\.?$/.test(s));
  if (!plain || trimmed.length > 100) {
    throw new ConfigError(
      `BASE_PATH must be a path such as /course (a leading slash, then letters, digits, "-", "_", "." or "~" between slashes), not "${value}". Example: BASE_PATH=/course npm start`,
    );
  }
  return trimmed;
}

/**
 * @example parseWorkers(undefined) // 1
 * @example parseWorkers('4') // 4
 */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return availableParallelism();
  const workers = Number(value);
  if (!/^\d+$/.test(value) || workers < 1 || workers > 64) {
    throw new ConfigError(
      `WORKERS must be a whole number from 1 to 64 (or "auto", one per core), not "${value}". Example: WORKERS=2 npm start`,
    );
  }
  return workers;
}

/** One line of plain text, up to 80 characters. */
export function parseCourseTitle(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return defaultCourseTitle;
  const title = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (title.length > 80 || /[\u0000-\u001f\u007f]/.test(title)) {
    throw new ConfigError(
      `COURSE_TITLE must be one line of up to 80 characters (it has ${title.length}). Example: COURSE_TITLE="Flask sessions, week 3" npm start`,
    );
  }
  return title;
}

/** express's names for address ranges, accepted in TRUST_PROXY besides addresses and subnets. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * express's `trust proxy` value: true/false, a number of hops, or a comma-separated list of
 * addresses, subnets (CIDR) and range names. Default: false, no proxy, so nobody can pick their
 * address with X-Forwarded-For (the rate limits count by it); behind nginx set TRUST_PROXY=loopback.
 * @example parseTrustProxy(undefined) // false
 * @example parseTrustProxy('1') // 1
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value.trim() === '') return false;
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => proxyRangeNames.has(entry) || isAddressOrSubnet(entry))) {
    return entries.join(',');
  }
  throw new ConfigError(
    `TRUST_PROXY must be true, false, a number of proxies, or addresses and subnets such as "loopback, 10.0.0.0/8", not "${value}". Example: TRUST_PROXY=loopback npm start`,
  );
}

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  try {
    new BlockList().addSubnet(address as string, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    return true;
  } catch {
    return false;
  }
}

/** Undefined when unset (each process then makes a random one); at least 32 random-looking characters when set. */
export function parseServerSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const makeOne = 'Make one: SESSION_LAB_SECRET=$(openssl rand -base64 32) npm start';
  if (value.length < minServerSecretLength) {
    throw new ConfigError(
      `SESSION_LAB_SECRET must be at least ${minServerSecretLength} characters (it has ${value.length}). ${makeOne}`,
    );
  }
  if (spreadBits(value) < minServerSecretBits) {
    throw new ConfigError(
      `SESSION_LAB_SECRET is too regular to be secret (repeated characters or spaces). ${makeOne}`,
    );
  }
  return value;
}

/** Undefined when unset; otherwise 8 to 200 characters (the login form takes up to 200). */
export function parseAdminPassword(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 8 || value.length > 200) {
    throw new ConfigError(
      `SANDBOX_ADMIN_PASSWORD must be 8 to 200 characters (it has ${value.length}). Example: SANDBOX_ADMIN_PASSWORD=$(openssl rand -base64 12) npm start`,
    );
  }
  return value;
}

/**
 * A folder the server can write to, or create: relative paths are from the current directory.
 * @example parseDataDir(undefined) // the project's data/ folder
 */
export function parseDataDir(value: string | undefined): string {
  if (value === undefined || value === '') return defaultDataDir;
  const path = resolve(value);
  const problem = unwritableFolder(path);
  if (problem) {
    throw new ConfigError(
      `DATA_DIR must be a folder the server can write to (it keeps the server-side sessions there), but "${value}" ${problem}. Example: DATA_DIR=/var/lib/session-lab npm start`,
    );
  }
  return path;
}

/** Why `path` cannot hold the database (it, or the nearest folder above that exists), if it cannot. */
function unwritableFolder(path: string): string | undefined {
  let existing = path;
  while (!statSync(existing, { throwIfNoEntry: false })) {
    if (dirname(existing) === existing) return 'has no existing folder above it';
    existing = dirname(existing);
  }
  if (!statSync(existing).isDirectory())
    return existing === path ? 'is a file' : `is inside a file (${existing})`;
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return existing === path ? 'is not writable' : `cannot be created in ${existing}`;
  }
  return undefined;
}

/**
 * A redis:// or rediss:// URL of one Redis server (optionally a database number as its path).
 * The message never repeats the value: it may hold a password.
 * @example parseRedisUrl('redis://127.0.0.1:6379') // 'redis://127.0.0.1:6379'
 */
export function parseRedisUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const url = URL.parse(value.trim());
  const valid =
    url !== null &&
    (url.protocol === 'redis:' || url.protocol === 'rediss:') &&
    url.hostname !== '' &&
    /^(\/\d{0,2})?$/.test(url.pathname) &&
    url.search === '' &&
    url.hash === '';
  if (!valid) {
    throw new ConfigError(
      'REDIS_URL must be a URL such as redis://127.0.0.1:6379 (redis:// or rediss://, a host, an optional port, password and /database number). Example: REDIS_URL=redis://127.0.0.1:6379 npm start',
    );
  }
  return value.trim();
}

/** Length × Shannon entropy of the character frequencies, in bits. */
function spreadBits(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= count * Math.log2(count / text.length);
  return bits;
}
