/** The session-lab command: run in-process through its `main` with captured output, plus one real process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../sandbox/cli/main.ts';

const phill = 'eyJmaXJzdE5hbWUiOiJQaGlsbCJ9.ZVPxAA.iGXXNMA9cMfVC_v__95pMc0OtTY';
const secret = 'w98fw9ef8hwe98fhwef';

/** Runs the CLI's `main` as the command would (no terminal, so no colour); its exit status and output. */
function run(...args: string[]): { code: number; out: string; err: string } {
  return runWith({ color: false }, ...args);
}

function runWith(options: { color: boolean }, ...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    color: options.color,
    now: () => 1700000000,
  });
  return { code, out, err };
}

describe('the session-lab process', () => {
  it('prints what main prints and exits with its status', async () => {
    const cli = new URL('../sandbox/cli/session-lab.ts', import.meta.url).pathname;
    const node = new URL('../node_modules/.bin/node', import.meta.url).pathname;
    const result = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        execFile(
          node,
          [cli, ...args],
          { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
          (e, out, err) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, out, err }),
        );
      });
    const [signed, unknown] = await Promise.all([
      result('sign', '--secret', secret, '--json', '{"firstName":"Phill"}', '--timestamp', '1700000000'),
      result('frobnicate'),
    ]);
    expect(signed).toEqual({ code: 0, out: `${phill}\n`, err: '' });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });
});

describe('session-lab sign', () => {
  it('prints the cookie Flask would set', () => {
    expect(
      run('sign', '--secret', secret, '--json', '{"firstName":"Phill"}', '--timestamp', '1700000000'),
    ).toEqual({
      code: 0,
      out: `${phill}\n`,
      err: '',
    });
  });
  it('signs at the current time when no --timestamp is given', () => {
    expect(run('sign', '--secret', secret, '--json', '{"firstName":"Phill"}').out).toBe(`${phill}\n`);
  });
  it('reads tagged values in the oracle convention', () => {
    const r = run(
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
  it('exits 2 with usage on bad JSON or a missing option', () => {
    const bad = run('sign', '--secret', 's', '--json', '{oops');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('not valid JSON');
    expect(bad.err).toContain('Usage:');
    expect(run('sign', '--json', '{}').code).toBe(2);
    expect(run('sign', '--secret', 's', '--json', '[1]').code).toBe(2);
  });
});

describe('session-lab load', () => {
  it('prints ok and the session', () => {
    const r = run('load', '--secret', secret, '--cookie', phill);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, session: { firstName: 'Phill' } });
  });
  it('exits 1 with the error category on a bad signature', () => {
    const r = run('load', '--secret', 'wrong', '--cookie', phill);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: 'BadSignature' });
  });
  it('exits 1 with SignatureExpired past --max-age at --now', () => {
    const r = run('load', '--secret', secret, '--cookie', phill, '--max-age', '3600', '--now', '1700003601');
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: 'SignatureExpired' });
    expect(r.code).toBe(1);
  });
  it('accepts a fallback key', () => {
    expect(run('load', '--secret', 'new', '--fallback', secret, '--cookie', phill).code).toBe(0);
  });
  it('exits 2 on a non-numeric --max-age', () => {
    expect(run('load', '--secret', secret, '--cookie', phill, '--max-age', 'soon').code).toBe(2);
  });
});

describe('session-lab decode', () => {
  it('shows the parts and the session without a key', () => {
    const r = run('decode', phill, '--now', '1700000100');
    expect(r.code).toBe(0);
    expect(r.out).toContain('payload');
    expect(r.out).toContain('Tue, 14 Nov 2023 22:13:20 GMT');
    expect(r.out).toContain('{"firstName":"Phill"}');
    expect(r.out).toContain('Not checked: give the secret key to verify the signature.');
    expect(r.out).not.toContain('\u001b['); // no colour when not a terminal
  });
  it('colours its output on a terminal', () => {
    expect(runWith({ color: true }, 'decode', phill).out).toContain('\u001b[');
  });
  it('prints the anatomy as JSON with --json', () => {
    const r = run('decode', phill, '--json', '--secret', secret, '--now', '1700000100');
    expect(JSON.parse(r.out)).toMatchObject({
      isFlaskCookie: true,
      value: { firstName: 'Phill' },
      verdict: { kind: 'valid', keyIndex: 0 },
    });
  });
  it('exits 1 for something that is not a Flask cookie', () => {
    expect(run('decode', 'hello').code).toBe(1);
  });
  it('exits 2 without a cookie', () => {
    expect(run('decode').code).toBe(2);
  });
});

// Signed by Flask 3.1.3 (test/python/flask_session_helper.py, key 'dev', timestamp 1700000000).
const flaskThreePointZero = 'eyJ4IjozLjB9.ZVPxAA.Fq5-_6qxffUh1EvuDk-SU5eOWt0';
const flaskNumbers =
  '.eJyrVkrKTFeyMjQyNjE1M7ewNMDG0lFKU7Iy1gPSmUpWup55aZl5mSWVOkp5SlZ-iX46SiVKVtVKCkAy2jBV29AstlZHqQqo0EDPoBYAZhgX9w.ZVPxAA.R3cmJeNxHqcAjtLY4sAsf0baF0g';

describe.concurrent('session-lab and Python numbers', () => {
  it('signs {"x": 3.0} as Flask signs the float 3.0, and {"x": 3} as the int', async () => {
    const float = await run('sign', '--secret', 'dev', '--json', '{"x": 3.0}', '--timestamp', '1700000000');
    expect(float.out).toBe(`${flaskThreePointZero}\n`);
    const int = await run('sign', '--secret', 'dev', '--json', '{"x": 3}', '--timestamp', '1700000000');
    expect(int.out).not.toBe(float.out);
  });
  it('prints NaN, -Infinity, -0.0, 3.0 and big ints as Python does, and load output signs back to the same cookie', async () => {
    const loaded = await run('load', '--secret', 'dev', '--cookie', flaskNumbers);
    expect(loaded.out).toBe(
      '{"ok":true,"session":{"big":123456789012345678901234567890,"f":3.0,"i":-Infinity,"n":NaN,' +
        '"t":{"$tuple":[1e+16]},"z":-0.0}}\n',
    );
    const session = loaded.out.slice('{"ok":true,"session":'.length, -2);
    const signed = await run('sign', '--secret', 'dev', '--json', session, '--timestamp', '1700000000');
    expect(signed.out).toBe(`${flaskNumbers}\n`);
  });
  it('prints decode --json output whose value signs back to the same cookie', async () => {
    const decoded = await run('decode', flaskNumbers, '--json', '--now', '1700000000');
    const value = decoded.out.slice(decoded.out.indexOf('"value":') + 8, decoded.out.lastIndexOf('}'));
    expect(value).toContain('"n":NaN');
    const signed = await run('sign', '--secret', 'dev', '--json', value, '--timestamp', '1700000000');
    expect(signed.out).toBe(`${flaskNumbers}\n`);
  });
});

describe.concurrent('session-lab --flask', () => {
  it('accepts a fallback key for 3.1 (the default) and ignores it for 2.2, as Flask 2.2 does', async () => {
    const cookie = (
      await run('sign', '--secret', 'old', '--json', '{"a":"b"}', '--timestamp', '1700000000')
    ).out.trim();
    expect(cookie.startsWith('eyJhIjoiYiJ9.ZVPxAA.')).toBe(true);
    const args = ['load', '--secret', 'new', '--fallback', 'old', '--cookie', cookie];
    expect((await run(...args)).code).toBe(0);
    expect((await run(...args, '--flask', '3.1')).code).toBe(0);
    const v22 = await run(...args, '--flask', '2.2');
    expect(v22.code).toBe(1);
    expect(JSON.parse(v22.out)).toMatchObject({ ok: false, error: 'BadSignature' });
    const decoded = await run('decode', cookie, '--secret', 'new', '--fallback', 'old', '--flask', '2.2');
    expect(decoded.out).toContain('Bad signature: this key did not sign it');
  });
  it('exits 2 for a version it does not know', async () => {
    const r = await run('load', '--secret', 's', '--cookie', phill, '--flask', '3.0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--flask needs 3.1 or 2.2');
  });
});

describe.concurrent('session-lab decode of a zlib bomb', () => {
  it('refuses a payload inflating past 64 KB with a clear verdict, quickly and briefly', async () => {
    const bomb = Buffer.from(deflateSync(Buffer.alloc(12 * 1024 * 1024, 0x20))).toString('base64url');
    const r = await run('decode', `.${bomb}.ZVPxAA.${'A'.repeat(27)}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('the payload inflates past 64 KB; Session Lab does not open it');
    expect(r.out.length).toBeLessThan(bomb.length + 4000);
  });
});

describe('session-lab guess', () => {
  it('finds a weak key with the built-in list and reports the rate', () => {
    const r = run('guess', phill);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Found the secret key: "w98fw9ef8hwe98fhwef"');
    expect(r.out).toMatch(/candidates\/second/);
  });
  it('reads a wordlist and exits 1 when the key is not in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'session-lab-'));
    const list = join(dir, 'words.txt');
    writeFileSync(list, 'a\r\nb\n\nc\n');
    const r = run('guess', phill, '--wordlist', list, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ tried: 3 });
  });
  it('exits 2 for a missing wordlist', () => {
    expect(run('guess', phill, '--wordlist', '/nonexistent/words.txt').code).toBe(2);
  });
});

describe('session-lab help', () => {
  it('prints usage on stdout and exits 0', () => {
    const r = run('help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('session-lab sign');
  });
  it('prints usage on stderr and exits 2 for no or an unknown command or option', () => {
    for (const args of [[], ['frobnicate'], ['sign', '--bogus']]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Usage:');
    }
  });
});
