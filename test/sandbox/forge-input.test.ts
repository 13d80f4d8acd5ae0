/**
 * What the forge lab accepts as a session and what it tells a learner whose JSON it cannot sign:
 * each message says how to fix the input, with the limits (4000 characters, 16 levels) at their edge.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../sandbox/flask-session/index.ts';
import { sandboxApp } from './app.ts';

const app = sandboxApp();
const demoKey = 'w98fw9ef8hwe98fhwef';

/** `{"a": {"a": … 1}}` with `levels` objects. */
const nested = (levels: number) => `${'{"a": '.repeat(levels)}1${'}'.repeat(levels)}`;

function forge(json: string) {
  return request(app)
    .post('/sandbox/flask/lab/forge')
    .set('Accept', 'application/json')
    .type('form')
    .send({ json });
}

describe('forging a session', () => {
  it.each([
    ['{', /^The session JSON is not valid JSON \(.+\)/],
    ['[1]', /^The session JSON must be a JSON object \(a session is a dict\)/],
    ['"text"', /^The session JSON must be a JSON object/],
    ['{"$bytes": 5}', /^The session JSON cannot be a Flask session value: .*\$bytes/],
    [nested(17), /^The session JSON is nested too deeply: at most 16 levels\.$/],
  ])('refuses %s with a message saying how to fix it', async (json, message) => {
    const res = await forge(json);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it('accepts 16 levels of nesting and 4000 characters, and refuses 4001', async () => {
    const deep = await forge(nested(16));
    expect(deep.status).toBe(200);
    expect(loadSession(deep.body.exchange.cookieAfter, { secretKey: demoKey })).toEqual(
      JSON.parse(nested(16)),
    );

    const padded = (length: number) => `{"a": "${'x'.repeat(length - 9)}"}`;
    expect(padded(4000)).toHaveLength(4000);
    expect((await forge(padded(4000))).status).toBe(200);
    const long = await forge(padded(4001));
    expect(long.status).toBe(413);
    expect(long.body.error).toBe('The session JSON is too long: at most 4000 characters.');
  });

  it('counts nesting through lists too', async () => {
    const inLists = `{"a": ${'['.repeat(16)}1${']'.repeat(16)}}`;
    expect((await forge(inLists)).body.error).toBe(
      'The session JSON is nested too deeply: at most 16 levels.',
    );
    expect((await forge(`{"a": ${'['.repeat(15)}1${']'.repeat(15)}}`)).status).toBe(200);
  });
});
