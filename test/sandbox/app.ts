/**
 * Test helpers: an express app with only the sandbox mounted at /sandbox, as server/server.ts
 * mounts it (no Astro build needed), with a frozen clock when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { LazyStore } from '../../sandbox/apps/store-source.ts';
import { createSandboxRouter, sandboxConfigOf } from '../../sandbox/router.ts';
import type { ServerConfig } from '../../server/config.ts';
import { publicDemoKey } from '../../server/config.ts';

/** One folder per test process for the server-side engine's SQLite file, removed when it exits. */
const testDataDir = mkdtempSync(join(tmpdir(), 'session-lab-test-'));
process.once('exit', () => rmSync(testDataDir, { recursive: true, force: true }));

/** The configuration the tests use (the public demo key, a fixed server secret). */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    basePath: '',
    workers: 1,
    courseTitle: 'Session Lab',
    trustProxy: 'loopback',
    sandboxSecretKey: publicDemoKey,
    sandboxKeyIsPublicDemo: true,
    sandboxAdminPassword: undefined,
    serverSecret: 'test-server-secret',
    bodyLimit: 16 * 1024,
    dataDir: testDataDir,
    redisUrl: undefined,
    logRequests: false,
    ...overrides,
  };
}

/**
 * An app serving only /sandbox. `now` freezes the engines' clock (Unix seconds); `store` is the
 * server-side engine's store when the test opens (and closes) its own.
 */
export function sandboxApp(
  options: { now?: () => number; config?: Partial<ServerConfig>; store?: LazyStore } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  const config = sandboxConfigOf(testConfig(options.config));
  app.use(
    '/sandbox',
    createSandboxRouter(config, { now: options.now, ...(options.store ? { store: options.store } : {}) }),
  );
  return app;
}

/** The records a sandbox page embeds for the inspector. */
export function embeddedExchanges(html: string): Array<Record<string, unknown> & { id: string }> {
  const match = /<script type="application\/json" data-sandbox-exchanges>([\s\S]*?)<\/script>/.exec(html);
  if (match === null) throw new Error('no embedded exchanges in the page');
  return JSON.parse(match[1] as string);
}

/** A response's Set-Cookie headers as a list (supertest types the header as a string). */
export function setCookiesOf(res: { headers: Record<string, unknown> }): string[] {
  const value = res.headers['set-cookie'];
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}
