import { describe, expect, it } from 'vitest';
import { ConfigError, parsePort, publicDemoKey, readConfig } from '../../sandbox/server/config.ts';

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
