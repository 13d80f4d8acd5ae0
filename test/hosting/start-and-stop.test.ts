/**
 * `npm start` as a real process: settings refused in one line, what it logs (and never logs), a
 * graceful stop that answers the requests in flight, and no orphan when npm itself gets SIGTERM.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  descendantsOf,
  isAlive,
  isListening,
  type StartedProcess,
  startProcess,
  urlOf,
  waitUntil,
} from '../helpers/process.ts';

const started: StartedProcess[] = [];
afterEach(() => {
  // A failed test leaves nothing behind: the process and everything it started.
  for (const { child } of started.splice(0)) {
    for (const pid of [...descendantsOf(child.pid as number), child.pid as number]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
});
const start = (env: NodeJS.ProcessEnv, command?: [string, ...string[]]) => {
  const process = startProcess(env, command);
  started.push(process);
  return process;
};
const portOf = (url: string) => Number(new URL(url).port);

describe('settings refused at start', () => {
  it.each([
    [
      { SESSION_LAB_SECRET: 'abc' },
      'Session Lab: SESSION_LAB_SECRET must be at least 32 characters (it has 3). Make one: SESSION_LAB_SECRET=$(openssl rand -base64 32) npm start',
    ],
    [
      { BASE_PATH: 'course' },
      'Session Lab: BASE_PATH must be a path such as /course (a leading slash, then letters, digits, "-", "_", "." or "~" between slashes), not "course". Example: BASE_PATH=/course npm start',
    ],
    [
      { BASE_PATH: '/a/../b' },
      /^Session Lab: BASE_PATH must be a path such as \/course .*not "\/a\/\.\.\/b"/,
    ],
    [{ BASE_PATH: '/my course' }, /^Session Lab: BASE_PATH must be a path such as \/course /],
    [{ WORKERS: 'two' }, /^Session Lab: WORKERS must be a whole number from 1 to 64 .*not "two"/],
    [{ WORKERS: '0' }, /^Session Lab: WORKERS must be a whole number from 1 to 64/],
    [
      { SESSION_LAB_SECRET: 'a'.repeat(32) },
      'Session Lab: SESSION_LAB_SECRET is too regular to be secret (repeated characters or spaces). Make one: SESSION_LAB_SECRET=$(openssl rand -base64 32) npm start',
    ],
    [{ SESSION_LAB_SECRET: ' '.repeat(44) }, /^Session Lab: SESSION_LAB_SECRET is too regular to be secret/],
    [{ TRUST_PROXY: 'everyone' }, /^Session Lab: TRUST_PROXY must be true, false, a number of proxies/],
    [{ COURSE_TITLE: 'x'.repeat(81) }, /^Session Lab: COURSE_TITLE must be one line of up to 80 characters/],
  ])('%j is refused in one line, exit code 1', async (env, message) => {
    const server = start({ PORT: '0', ...env });
    expect((await server.exited).code).toBe(1);
    expect(server.lines).toHaveLength(1);
    if (typeof message === 'string') expect(server.lines[0]).toBe(message);
    else expect(server.lines[0]).toMatch(message);
  });
});

describe('what the server logs', () => {
  it('names the key in force by kind only, the client as the trusted proxy says, never a cookie or a query', async () => {
    const server = start({
      PORT: '0',
      LOG_REQUESTS: '1',
      TRUST_PROXY: 'loopback',
      SANDBOX_SECRET_KEY: 'class-key-do-not-print',
    });
    const url = await urlOf(server);
    await server.waitForLine(/class key/);
    const response = await fetch(`${url}/sandbox/flask/?trace=secret-trace`, {
      headers: { Cookie: 'session=secret-cookie-value', 'X-Forwarded-For': '203.0.113.9' },
    });
    expect(response.status).toBe(200);
    const line = await server.waitForLine(/GET \/sandbox\/flask\//);
    // The request came from loopback, a proxy trusted by TRUST_PROXY=loopback, so its X-Forwarded-For counts.
    expect(line).toMatch(/ 203\.0\.113\.9 GET \/sandbox\/flask\/ 200 /);
    const output = server.lines.join('\n');
    expect(output).toContain('the sandbox signs with the class key from SANDBOX_SECRET_KEY');
    for (const secret of ['class-key-do-not-print', 'secret-cookie-value', 'secret-trace', 'trace=']) {
      expect(output).not.toContain(secret);
    }
  });

  it('ignores X-Forwarded-For by default (no proxy trusted), and says when the public demo key is in force', async () => {
    const server = start({ PORT: '0', LOG_REQUESTS: '1' });
    const url = await urlOf(server);
    await fetch(`${url}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(await server.waitForLine(/GET \/healthz/)).toMatch(/ 127\.0\.0\.1 GET \/healthz 200 /);
    expect(server.lines).toContain(
      "Session Lab: the sandbox signs with the public demo key (the lesson's example, shown to learners).",
    );
  });
});

/** A POST whose body is held back: resolves once the server has read its headers (100 Continue). */
function heldPost(port: number, path: string, body: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  const response = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.on('close', () => resolve(received));
  });
  const headersRead = new Promise<void>((resolve) => {
    socket.on('data', () => {
      if (received.startsWith('HTTP/1.1 100 Continue')) resolve();
    });
  });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  return { headersRead, response, finish: () => socket.write(body) };
}

/** A keep-alive connection that has had one answer and now sits idle. */
async function idleKeepAlive(port: number): Promise<{ closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk) => {
      if (String(chunk).includes('"ok":true')) resolve();
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  });
  return { closed };
}

describe('a graceful stop', () => {
  it('on SIGTERM stops accepting, answers every request in flight, closes idle connections, exits 0 with one line', async () => {
    const server = start({ PORT: '0' });
    const port = portOf(await urlOf(server));
    const idle = await idleKeepAlive(port);
    const held = ['Ada', 'Grace', 'Edsger'].map((name) =>
      heldPost(port, '/sandbox/flask/store', `firstName=${name}`),
    );
    await Promise.all(held.map((post) => post.headersRead));

    server.child.kill('SIGTERM');
    // Stopped accepting: new connections are refused while the held requests are still open.
    await waitUntil(async () => !(await isListening(port)));
    await idle.closed;
    for (const post of held) post.finish();
    const responses = await Promise.all(held.map((post) => post.response));
    for (const [index, name] of ['Ada', 'Grace', 'Edsger'].entries()) {
      expect(responses[index]).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 302 Found\r\n/);
      expect(responses[index]).toContain(`Set-Cookie: session=${sessionValueFor(name)}`);
      expect(responses[index]).toMatch(/\r\nConnection: close\r\n/i);
    }

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.at(-1)).toBe('Session Lab stopped (SIGTERM): 3 requests in flight answered.');
    expect(server.lines.filter((line) => line.includes('stopped'))).toHaveLength(1);
  });

  it('stops on SIGINT too (Ctrl+C)', async () => {
    const server = start({ PORT: '0' });
    const port = portOf(await urlOf(server));
    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.lines.at(-1)).toBe('Session Lab stopped (SIGINT): 0 requests in flight answered.');
    expect(await isListening(port)).toBe(false);
  });
});

/** The start of a Flask session cookie holding {"firstName": name} (its payload, before the timestamp). */
function sessionValueFor(name: string): string {
  return Buffer.from(JSON.stringify({ firstName: name })).toString('base64url');
}

describe('npm start', () => {
  it.each([
    ['one process', {}],
    ['WORKERS=2', { WORKERS: '2' }],
  ])(
    'stops the server (%s) when npm itself gets SIGTERM: port closed, no process left behind',
    async (_, env) => {
      const npm = start({ PORT: '0', ...env }, ['npm', 'start', '--silent']);
      const port = portOf(await urlOf(npm));
      const npmPid = npm.child.pid as number;
      // Everything npm started: sh, the server and, with WORKERS, its workers.
      await npm.waitForLine(/signs with the public demo key/);
      const below = descendantsOf(npmPid);
      expect(below.length).toBeGreaterThanOrEqual('WORKERS' in env ? 4 : 2);

      npm.child.kill('SIGTERM');
      await npm.exited;
      await waitUntil(() => below.every((pid) => !isAlive(pid)));
      expect(await isListening(port)).toBe(false);
    },
  );
});
