import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

/** Runs `npm start`'s entry with extra environment; resolves on the first stdout line or on exit. */
function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['server/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      LOG_REQUESTS: '0',
      SESSION_LAB_SECRET: 'a-test-server-secret-of-32-characters',
      ...env,
    },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('running at')) resolve({ code: null, stdout, stderr });
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1', () => resolve(blocker));
  });
}

describe('npm start', () => {
  it('prints the URL it serves on', async () => {
    const result = await start({ PORT: '0' });
    expect(result.stdout).toMatch(/Session Lab is running at http:\/\/127\.0\.0\.1:\d+\//);
    const url = result.stdout.match(/http:\/\/\S+/)?.[0] ?? '';
    expect((await fetch(url)).status).toBe(200);
  });

  it('says in one line that the port is taken, and exits non-zero', async () => {
    const blocker = await occupyPort();
    const port = (blocker.address() as { port: number }).port;
    const result = await start({ PORT: String(port) });
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Session Lab: port ${port} on 127.0.0.1 is already in use. Stop the other server, or choose another port: PORT=${port + 1} npm start`,
    );
  });

  it('rejects a bad PORT in one line, and exits non-zero', async () => {
    const result = await start({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Session Lab: PORT must be a whole number from 0 to 65535, not "eighty". Example: PORT=8080 npm start',
    );
  });
});
