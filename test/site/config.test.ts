import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  parseBasePath,
  parseCourseTitle,
  parsePort,
  parseServerSecret,
  parseTrustProxy,
  parseWorkers,
  publicDemoKey,
  readConfig,
} from '../../server/config.ts';
import { lanAddresses, startupLines } from '../../server/startup-log.ts';

describe('parsePort', () => {
  it('defaults to 4321', () => {
    expect(parsePort(undefined)).toBe(4321);
    expect(parsePort('')).toBe(4321);
  });
  it('reads a whole number', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('0')).toBe(0);
  });
  it.each(['abc', '80.5', '-1', '65536', '8080x', ' '])(
    'rejects %j with a message that shows an example',
    (value) => {
      expect(() => parsePort(value)).toThrow(ConfigError);
      expect(() => parsePort(value)).toThrow(
        /PORT must be a whole number from 0 to 65535.*PORT=8080 npm start/,
      );
    },
  );
});

describe('readConfig', () => {
  it('listens on loopback by default', () => {
    expect(readConfig({})).toMatchObject({ host: '127.0.0.1', port: 4321 });
  });
  it('uses the public demo key for the sandbox unless SANDBOX_SECRET_KEY is set', () => {
    expect(readConfig({})).toMatchObject({ sandboxSecretKey: publicDemoKey, sandboxKeyIsPublicDemo: true });
    expect(readConfig({ SANDBOX_SECRET_KEY: 'class-key' })).toMatchObject({
      sandboxSecretKey: 'class-key',
      sandboxKeyIsPublicDemo: false,
    });
  });
  it('has no server secret unless SESSION_LAB_SECRET is set', () => {
    expect(readConfig({}).serverSecret).toBeUndefined();
    const secret = 'a-class-secret-of-at-least-32-characters';
    expect(readConfig({ SESSION_LAB_SECRET: secret }).serverSecret).toBe(secret);
  });
  it('reads HOST and PORT', () => {
    expect(readConfig({ HOST: '0.0.0.0', PORT: '9000' })).toMatchObject({ host: '0.0.0.0', port: 9000 });
  });
});

describe('hosting settings', () => {
  it('reads BASE_PATH as a prefix without its trailing slash', () => {
    expect(parseBasePath(undefined)).toBe('');
    expect(parseBasePath('/')).toBe('');
    expect(parseBasePath('/course')).toBe('/course');
    expect(parseBasePath('/course/')).toBe('/course');
    expect(parseBasePath('/flask-course/week_3')).toBe('/flask-course/week_3');
  });
  it.each(['course', '/a//b', '/a/../b', '/./a', '/a b', '/a?b', '/a#b', '/%2e%2e', `/${'a'.repeat(100)}`])(
    'refuses BASE_PATH %j',
    (value) => {
      expect(() => parseBasePath(value)).toThrow(/^BASE_PATH must be a path such as \/course/);
    },
  );
  it('reads WORKERS: 1 by default, a number, or auto (one per core)', () => {
    expect(parseWorkers(undefined)).toBe(1);
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers('auto')).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '65', '-1', '1.5', 'two']) expect(() => parseWorkers(bad)).toThrow(ConfigError);
  });
  it("reads TRUST_PROXY as express's trust proxy value, no proxy by default", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy(' ')).toBe(false);
    expect(readConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('loopback')).toBe('loopback');
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8, fd00::/8, 192.168.1.4')).toBe(
      'loopback,10.0.0.0/8,fd00::/8,192.168.1.4',
    );
    for (const bad of ['everyone', '10.0.0.0/33', '10.0.0/8', 'loopback,,']) {
      expect(() => parseTrustProxy(bad)).toThrow(/^TRUST_PROXY must be/);
    }
  });
  it('reads COURSE_TITLE as one short line', () => {
    expect(parseCourseTitle(undefined)).toBe('Session Lab');
    expect(parseCourseTitle('  Flask, week 3 ')).toBe('Flask, week 3');
    expect(() => parseCourseTitle('a\nb')).toThrow(/^COURSE_TITLE must be one line/);
  });
  it('wants SESSION_LAB_SECRET of at least 32 characters when set', () => {
    expect(parseServerSecret('')).toBeUndefined();
    const random = randomBytes(32).toString('base64');
    expect(parseServerSecret(random)).toBe(random);
    const hex = randomBytes(16).toString('hex');
    expect(parseServerSecret(hex)).toBe(hex);
    expect(() => parseServerSecret(random.slice(0, 31))).toThrow(
      'SESSION_LAB_SECRET must be at least 32 characters (it has 31).',
    );
  });
  it('refuses a SESSION_LAB_SECRET nobody drew at random, saying how to make one', () => {
    for (const weak of ['a'.repeat(32), ' '.repeat(32), 'ab'.repeat(16), `${'x'.repeat(40)}yz`]) {
      expect(() => parseServerSecret(weak)).toThrow(
        'SESSION_LAB_SECRET is too regular to be secret (repeated characters or spaces). Make one: SESSION_LAB_SECRET=$(openssl rand -base64 32) npm start',
      );
    }
  });
});

describe('startupLines', () => {
  it('names the LAN addresses learners open when serving a network, under BASE_PATH', () => {
    const config = readConfig({ HOST: '0.0.0.0', BASE_PATH: '/course' });
    const lines = startupLines(config, 4321, 1);
    expect(lines[0]).toBe('Session Lab is running at http://127.0.0.1:4321/course/');
    const lan = lanAddresses();
    expect(lines[1]).toBe(
      lan.length > 0
        ? `Session Lab: learners on this network open ${lan.map((a) => `http://${a}:4321/course/`).join(' or ')}`
        : 'Session Lab: this machine has no network address besides loopback; learners cannot reach it yet.',
    );
  });
  it('prints no LAN line on loopback, and the worker count', () => {
    const lines = startupLines(
      readConfig({ SESSION_LAB_SECRET: randomBytes(32).toString('base64') }),
      4321,
      3,
    );
    expect(lines).toEqual([
      'Session Lab is running at http://127.0.0.1:4321/ (3 workers)',
      "Session Lab: the sandbox signs with the public demo key (the lesson's example, shown to learners).",
    ]);
  });
});
