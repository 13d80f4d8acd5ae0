/**
 * Server settings, all from environment variables so instructors configure without editing code.
 * Bad values throw a ConfigError whose message says how to fix them; start.ts prints it as one line.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The handout's example key. Public on purpose: learners reproduce every signature with it. */
export const publicDemoKey = 'w98fw9ef8hwe98fhwef';

export interface ServerConfig {
  host: string;
  port: number;
  /** Key the sandbox's Flask and Express engines sign with, unless a learner's lab settings say otherwise. */
  sandboxSecretKey: string;
  /** True when the sandbox key is the public demo key (the page labels it so). */
  sandboxKeyIsPublicDemo: boolean;
  /**
   * The server's own secret, for what only the server may write (e.g. the inspector's records).
   * Must be set, and equal on every process, when several serve one class.
   */
  serverSecret: string | undefined;
  /** Largest accepted request body, in bytes; bigger forms get a 413 page. */
  bodyLimit: number;
  /** Log one line per request to stdout. */
  logRequests: boolean;
}

/** Reads the configuration from `env`, with safe defaults for a laptop. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const sandboxSecretKey = env.SANDBOX_SECRET_KEY || publicDemoKey;
  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT),
    sandboxSecretKey,
    sandboxKeyIsPublicDemo: sandboxSecretKey === publicDemoKey,
    serverSecret: env.SESSION_LAB_SECRET || undefined,
    bodyLimit: 16 * 1024,
    logRequests: env.LOG_REQUESTS !== '0',
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
