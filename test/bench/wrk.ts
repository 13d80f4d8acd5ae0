/**
 * The load generator for `npm run bench:sandbox` when Debian's `wrk` is installed: a separate
 * native process (so it never shares a core's event loop with a node server), driven by a small Lua
 * script for the store→show flow. Its figures have the same shape as autocannon's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The wrk binary when installed, else undefined (the bench then uses autocannon). */
export function findWrk(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export interface WrkTarget {
  base: string;
  showPath: string;
  storePath: string;
  cookie: string;
}

/** One line's figures: requests per second, latency percentiles in ms, and what went wrong. */
export interface WrkMeasured {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses with a status the flow does not expect (anything but 200, and 302 after a POST). */
  unexpected: number;
  total: number;
}

/** Lua string literal. */
const lua = (text: string) => JSON.stringify(text);

/**
 * show: GET the page with the session cookie. store→show: POST /store, then GET the Location it
 * answered (with its ?trace=), as a browser does; the cookie already holds firstName=Ada, which is
 * what the store writes again, so the work per request is the browser's.
 */
function script(target: WrkTarget, flow: 'show' | 'store→show', encoding: string): string {
  const headers = `{ ["Cookie"] = ${lua(target.cookie)}, ["Accept-Encoding"] = ${lua(encoding)} }`;
  if (flow === 'show') {
    return `local headers = ${headers}\nrequest = function() return wrk.format("GET", ${lua(target.showPath)}, headers) end\n`;
  }
  return `local headers = ${headers}
local form = { ["Cookie"] = ${lua(target.cookie)}, ["Accept-Encoding"] = ${lua(encoding)}, ["Content-Type"] = "application/x-www-form-urlencoded" }
local posting = true
local location = ${lua(target.showPath)}
request = function()
  posting = not posting
  if not posting then return wrk.format("POST", ${lua(target.storePath)}, form, "firstName=Ada") end
  return wrk.format("GET", location, headers)
end
response = function(status, response_headers, body)
  local next = response_headers["Location"] or response_headers["location"]
  if next then location = string.gsub(next, "^https?://[^/]+", "") end
end
`;
}

/** Milliseconds from wrk's "1.23ms", "850.00us" or "1.02s". */
function ms(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 's' ? n * 1000 : n;
}

/** Runs wrk against `target` and reads its summary. */
export async function loadWithWrk(
  wrk: string,
  target: WrkTarget,
  flow: 'show' | 'store→show',
  connections: number,
  seconds: number,
  encoding: string,
): Promise<WrkMeasured> {
  const dir = mkdtempSync(join(tmpdir(), 'session-lab-wrk-'));
  const file = join(dir, 'flow.lua');
  writeFileSync(file, script(target, flow, encoding));
  try {
    const args = [
      '-t',
      String(Math.min(2, connections)),
      '-c',
      String(connections),
      '-d',
      `${seconds}s`,
      '--timeout',
      '10s',
      '--latency',
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(wrk, [...args, '-s', file, target.base + target.showPath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}:\n${text}`)),
      );
    });
    const find = (pattern: RegExp) => pattern.exec(output)?.[1];
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
    return {
      rps: Number(find(/Requests\/sec:\s+([\d.]+)/)),
      p50: ms(find(/^\s+50%\s+(\S+)/m) ?? ''),
      p99: ms(find(/^\s+99%\s+(\S+)/m) ?? ''),
      errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      unexpected: Number(find(/Non-2xx or 3xx responses: (\d+)/) ?? 0),
      total: Number(find(/(\d+) requests in/)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
