/**
 * WORKERS=2 sharing server-side sessions through one SQLite file (a started server, DATA_DIR in a
 * fresh folder): a login answered by one worker is a session on the other, logout on either deletes
 * it for both, and a restart keeps the sessions (they are in the file, not in a process).
 */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type StartedProcess, startProcess, urlOf } from '../helpers/process.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a fresh connection (no keep-alive), so the cluster picks a worker for each. */
function send(
  url: string,
  options: { method?: string; cookie?: string; form?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      agent: false,
      headers: {
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...(options.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.form);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'session-lab-workers-'));
const started: StartedProcess[] = [];

async function start(): Promise<{ server: StartedProcess; base: string }> {
  const server = startProcess({ PORT: '0', WORKERS: '2', LOG_REQUESTS: '1', DATA_DIR: dataDir });
  started.push(server);
  return { server, base: await urlOf(server) };
}

afterAll(() => {
  for (const server of started) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

/** Which worker answered each logged request to `path`. */
const workersOf = (server: StartedProcess, path: string) =>
  new Set(
    server.lines.filter((line) => line.includes(` ${path} `)).map((line) => /worker (\d+)/.exec(line)?.[1]),
  );

describe('WORKERS=2 with server-side sessions in SQLite', () => {
  it('both workers serve the same session; logout on one is logout on both; a restart keeps sessions', async () => {
    const { server, base } = await start();
    const login = await send(`${base}/sandbox/server-side/login`, {
      method: 'POST',
      form: 'username=ada&password=lovelace',
    });
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    expect(cookie).toMatch(/^session=[\w-]{43}$/);

    // Fresh connections until both workers have answered the members' page.
    for (let i = 0; i < 40 && workersOf(server, '/sandbox/server-side/members').size < 2; i++) {
      const page = await send(`${base}/sandbox/server-side/members`, { cookie });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Logged in as <strong>ada</strong>');
    }
    expect(workersOf(server, '/sandbox/server-side/members').size).toBe(2);

    server.child.kill('SIGTERM');
    await server.exited;
    const restarted = await start();
    const kept = await send(`${restarted.base}/sandbox/server-side/members`, { cookie });
    expect(kept.status).toBe(200);

    const logout = await send(`${restarted.base}/sandbox/server-side/logout`, { method: 'POST', cookie });
    expect(logout.status).toBe(302);
    for (let i = 0; i < 6; i++) {
      const page = await send(`${restarted.base}/sandbox/server-side/members`, { cookie });
      expect(page.status).toBe(401);
    }
    expect(workersOf(restarted.server, '/sandbox/server-side/members').size).toBe(2);
  }, 60_000);
});
