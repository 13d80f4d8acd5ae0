/** The session-lab command, run as a real process (Node 24 via the node devDependency). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../sandbox/cli/session-lab.ts', import.meta.url).pathname;
const node = new URL('../node_modules/.bin/node', import.meta.url).pathname;
const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const secret = 'w98fw9ef8hwe98fhwef';

/** Runs the CLI; resolves with its exit status and output (processes run concurrently to save time). */
function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      node,
      [cli, ...args],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (error, out, err) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
      },
    );
  });
}

describe.concurrent('session-lab sign', () => {
  it('prints the cookie Flask would set', async () => {
    expect(
      await run('sign', '--secret', secret, '--json', '{"firstName":"Phill"}', '--timestamp', '1700000000'),
    ).toEqual({
      code: 0,
      out: `${phill}\n`,
      err: '',
    });
  });
  it('reads tagged values in the oracle convention', async () => {
    const r = await run(
      'sign',
      '--secret',
      'dev',
      '--json',
      '{"pair":{"$tuple":["a",1]}}',
      '--timestamp',
      '1700000000',
    );
    expect(r.out).toBe('eyJwYWlyIjp7IiB0IjpbImEiLDFdfX0.ZVPxAA.Te_vdbZrTx0lYEfHvRzq_r_TUwY\n');
  });
  it('exits 2 with usage on bad JSON or a missing option', async () => {
    const bad = await run('sign', '--secret', 's', '--json', '{oops');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('not valid JSON');
    expect(bad.err).toContain('Usage:');
    expect((await run('sign', '--json', '{}')).code).toBe(2);
    expect((await run('sign', '--secret', 's', '--json', '[1]')).code).toBe(2);
  });
});

describe.concurrent('session-lab load', () => {
  it('prints ok and the session', async () => {
    const r = await run('load', '--secret', secret, '--cookie', phill);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, session: { firstName: 'Phill' } });
  });
  it('exits 1 with the error category on a bad signature', async () => {
    const r = await run('load', '--secret', 'wrong', '--cookie', phill);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: 'BadSignature' });
  });
  it('exits 1 with SignatureExpired past --max-age at --now', async () => {
    const r = await run(
      'load',
      '--secret',
      secret,
      '--cookie',
      phill,
      '--max-age',
      '3600',
      '--now',
      '1700003601',
    );
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: 'SignatureExpired' });
    expect(r.code).toBe(1);
  });
  it('accepts a fallback key', async () => {
    expect((await run('load', '--secret', 'new', '--fallback', secret, '--cookie', phill)).code).toBe(0);
  });
  it('exits 2 on a non-numeric --max-age', async () => {
    expect((await run('load', '--secret', secret, '--cookie', phill, '--max-age', 'soon')).code).toBe(2);
  });
});

describe.concurrent('session-lab decode', () => {
  it('shows the parts and the session without a key', async () => {
    const r = await run('decode', phill, '--now', '1700000100');
    expect(r.code).toBe(0);
    expect(r.out).toContain('payload');
    expect(r.out).toContain('Tue, 14 Nov 2023 22:13:20 GMT');
    expect(r.out).toContain('{"firstName":"Phill"}');
    expect(r.out).toContain('Not checked: give the secret key to verify the signature.');
    expect(r.out).not.toContain('\u001b['); // no colour when not a terminal
  });
  it('prints the anatomy as JSON with --json', async () => {
    const r = await run('decode', phill, '--json', '--secret', secret, '--now', '1700000100');
    expect(JSON.parse(r.out)).toMatchObject({
      isFlaskCookie: true,
      value: { firstName: 'Phill' },
      verdict: { kind: 'valid', keyIndex: 0 },
    });
  });
  it('exits 1 for something that is not a Flask cookie', async () => {
    expect((await run('decode', 'hello')).code).toBe(1);
  });
  it('exits 2 without a cookie', async () => {
    expect((await run('decode')).code).toBe(2);
  });
});

describe.concurrent('session-lab guess', () => {
  it('finds a weak key with the built-in list and reports the rate', async () => {
    const r = await run('guess', phill);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Found the secret key: "w98fw9ef8hwe98fhwef"');
    expect(r.out).toMatch(/candidates\/second/);
  });
  it('reads a wordlist and exits 1 when the key is not in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'session-lab-'));
    const list = join(dir, 'words.txt');
    writeFileSync(list, 'a\r\nb\n\nc\n');
    const r = await run('guess', phill, '--wordlist', list, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ tried: 3 });
  });
  it('exits 2 for a missing wordlist', async () => {
    expect((await run('guess', phill, '--wordlist', '/nonexistent/words.txt')).code).toBe(2);
  });
});

describe.concurrent('session-lab help', () => {
  it('prints usage on stdout and exits 0', async () => {
    const r = await run('help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('session-lab sign');
  });
  it('prints usage on stderr and exits 2 for no or an unknown command or option', async () => {
    for (const args of [[], ['frobnicate'], ['sign', '--bogus']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Usage:');
    }
  });
});
