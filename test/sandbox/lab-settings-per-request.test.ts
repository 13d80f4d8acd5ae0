/**
 * The sealed sandbox_lab cookie is opened once per request, by one middleware; everything else
 * reads the value it left.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { encodeLab, LAB_COOKIE } from '../../sandbox/lab-settings/lab-settings.ts';
import { labSettingsOf, openLabSettings } from '../../sandbox/lab-settings/per-request.ts';
import { importsOf, root, sourceFiles } from '../helpers/imports.ts';

const secret = 'a server secret for this test only';

function app(mounted: boolean) {
  const server = express();
  if (mounted) server.use(openLabSettings({ sandboxKey: 'the sandbox key', serverSecret: secret }));
  server.get('/', (_req, res) => {
    const first = labSettingsOf(res);
    res.json({ key: first.key, same: labSettingsOf(res) === first, fallbacks: first.fallbacks });
  });
  server.use(((error, _req, res, _next) =>
    res.status(500).json({ error: error.message })) as express.ErrorRequestHandler);
  return server;
}

describe('openLabSettings', () => {
  it("opens the learner's cookie, and every reader of the request gets that one value", async () => {
    const cookie = encodeLab({ key: 'my own key', fallbacks: ['the sandbox key'] }, secret);
    const res = await request(app(true)).get('/').set('Cookie', `${LAB_COOKIE}=${cookie}`);
    expect(res.body).toEqual({ key: 'my own key', same: true, fallbacks: ['the sandbox key'] });
  });

  it('gives the defaults without a cookie, and for a cookie sealed with another secret', async () => {
    expect((await request(app(true)).get('/')).body.key).toBe('the sandbox key');
    const foreign = encodeLab({ key: 'my own key', fallbacks: [] }, 'another secret');
    const res = await request(app(true)).get('/').set('Cookie', `${LAB_COOKIE}=${foreign}`);
    expect(res.body.key).toBe('the sandbox key');
  });
});

describe('labSettingsOf', () => {
  it('throws when the middleware was not mounted (a bug, never a learner)', async () => {
    const res = await request(app(false)).get('/');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatch(/openLabSettings must run before/);
  });
});

describe('the sandbox', () => {
  it('opens the cookie in one place only: nothing but the middleware calls labOf', () => {
    const callers = sourceFiles('sandbox', 'server', 'src').filter((file) =>
      /\blabOf\(/.test(readFileSync(join(root, file), 'utf8').replace(/export function labOf\(/, '')),
    );
    expect(callers).toEqual(['sandbox/lab-settings/per-request.ts']);
    expect(importsOf('sandbox/router.ts').some((e) => e.to === 'sandbox/lab-settings/per-request.ts')).toBe(
      true,
    );
  });
});
