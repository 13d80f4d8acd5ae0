/** DATA_DIR and REDIS_URL: where server-side sessions live, checked before the server starts. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, parseDataDir, parseRedisUrl, readConfig } from '../../server/config.ts';
import { root, startProcess } from '../helpers/process.ts';

const folder = mkdtempSync(join(tmpdir(), 'store-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('DATA_DIR', () => {
  it("defaults to the project's git-ignored data folder", () => {
    expect(defaultDataDir).toBe(join(root, 'data'));
    expect(readConfig({}).dataDir).toBe(defaultDataDir);
  });
  it('takes a folder that exists or can be created, relative to the current directory', () => {
    expect(parseDataDir(folder)).toBe(folder);
    expect(parseDataDir(join(folder, 'not', 'yet'))).toBe(join(folder, 'not', 'yet'));
    expect(parseDataDir('some-data')).toBe(resolve('some-data'));
  });
  it('refuses a file, or a path inside one, with a one-line message and an example', () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    for (const value of [file, join(file, 'below')]) {
      expect(() => parseDataDir(value)).toThrow(ConfigError);
      expect(() => parseDataDir(value)).toThrow(
        /^DATA_DIR must be a folder the server can write to.*DATA_DIR=/,
      );
    }
  });
});

describe('REDIS_URL', () => {
  it('is unset by default (SQLite keeps the sessions)', () => {
    expect(readConfig({}).redisUrl).toBeUndefined();
    expect(parseRedisUrl('  ')).toBeUndefined();
  });
  it.each(['redis://127.0.0.1:6379', 'rediss://cache.example.org', 'redis://:secret@10.0.0.5:6380/2'])(
    'takes %j',
    (value) => {
      expect(readConfig({ REDIS_URL: value }).redisUrl).toBe(value);
    },
  );
  it.each([
    '127.0.0.1:6379',
    'http://127.0.0.1:6379',
    'redis://',
    'redis://h/db',
    'redis://h/1?x=1',
    'redis://h#x',
  ])('refuses %j with a message that shows an example', (value) => {
    expect(() => parseRedisUrl(value)).toThrow(
      /^REDIS_URL must be a URL such as redis:\/\/127\.0\.0\.1:6379.*npm start$/,
    );
  });
  it('never repeats the value in its message: it may hold a password', () => {
    expect(() => parseRedisUrl('redis://:hunter2@/bad path')).toThrow(ConfigError);
    expect(() => parseRedisUrl('redis://:hunter2@/bad path')).not.toThrow(/hunter2/);
  });
});

describe('npm start with a bad store setting', () => {
  it.each([
    [
      'DATA_DIR',
      () => join(folder, 'a-file'),
      /^Session Lab: DATA_DIR must be a folder the server can write to/,
    ],
    ['REDIS_URL', () => 'redis://:hunter2@/no host', /^Session Lab: REDIS_URL must be a URL such as/],
  ])('stops at once with one line for %s, repeating no password', async (name, value, message) => {
    writeFileSync(join(folder, 'a-file'), '');
    const started = startProcess({ [name]: value() });
    expect(await started.exited).toMatchObject({ code: 1 });
    const lines = started.lines.filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/hunter2/);
  });
});

describe('npm start with a DATA_DIR that looks writable but refuses files', () => {
  // Under /proc, root may write (so the folder checks pass) but no file can be made; Node's own
  // recursive mkdir never returns there. The start tries the session file for real and stops.
  it.each(['/proc/session-lab-data', '/proc'])('%s: one line and exit 1, before any build', async (value) => {
    const started = startProcess({ DATA_DIR: value });
    expect(await started.exited).toMatchObject({ code: 1 });
    const lines = started.lines.filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Session Lab: DATA_DIR must be a folder the server can write to.*DATA_DIR=\/var\/lib/,
    );
  });
});
