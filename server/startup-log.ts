/**
 * What `npm start` says when it is up: where to open the course (with the LAN addresses when it
 * serves a network), which key the sandbox signs with (its kind, never the key), and the secret.
 */
import { networkInterfaces } from 'node:os';
import type { ServerConfig } from './config.ts';

/** The address a browser on this machine opens. */
export function courseUrl(host: string, port: number, basePath: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}${basePath}/`;
}

/** This machine's addresses on its networks (IPv4, not loopback), for HOST=0.0.0.0 or HOST=::. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => info?.address as string);
}

/** The lines printed once the server listens on `port`. */
export function startupLines(config: ServerConfig, port: number, workers: number): string[] {
  const url = courseUrl(config.host, port, config.basePath);
  const lines = [`Session Lab is running at ${url}${workers > 1 ? ` (${workers} workers)` : ''}`];
  if (config.host === '0.0.0.0' || config.host === '::') {
    const lan = lanAddresses().map((address) => courseUrl(address, port, config.basePath));
    lines.push(
      lan.length > 0
        ? `Session Lab: learners on this network open ${lan.join(' or ')}`
        : 'Session Lab: this machine has no network address besides loopback; learners cannot reach it yet.',
    );
  }
  lines.push(
    config.sandboxKeyIsPublicDemo
      ? "Session Lab: the sandbox signs with the public demo key (the lesson's example, shown to learners)."
      : 'Session Lab: the sandbox signs with the class key from SANDBOX_SECRET_KEY (shown to learners, not logged).',
  );
  if (!config.serverSecret) {
    lines.push(
      workers > 1
        ? 'Session Lab: SESSION_LAB_SECRET is not set, so the workers share one random secret made at start. Set it (the same on every machine) to run several machines behind a load balancer.'
        : 'Session Lab: SESSION_LAB_SECRET is not set, so a random one is used. Set it (the same on every process) to run several processes behind a load balancer.',
    );
  }
  return lines;
}
