/**
 * What changes with `flaskVersion`: accesses that add Vary, fallback keys, Partitioned, and the
 * nesting each Flask loads and dumps (measured by test/python/measure_depth.py).
 */
import { describe, expect, it } from 'vitest';
import {
  BadPayload,
  decodeSessionJson,
  NestingTooDeep,
  openSession,
  PyTuple,
  type PyValue,
  SessionState,
  saveSession,
  signSession,
  taggedDumps,
  taggedLoads,
} from '../../sandbox/flask-session/index.ts';

const NOW = 1700000000;
const nestedJson = (depth: number, open: string, close: string) =>
  `${open.repeat(depth)}1${close.repeat(depth)}`;
const arrays = (depth: number) => nestedJson(depth, '[', ']');
const objects = (depth: number) => nestedJson(depth, '{"a":', '}');

describe('SessionState accesses', () => {
  it("counts 'x' in session and len(session) as an access in Flask 3.1 only", () => {
    for (const [version, expected] of [
      ['3.1', true],
      ['2.2', false],
    ] as const) {
      const contains = new SessionState({}, version);
      contains.has('firstName');
      const size = new SessionState({ a: 1 }, version);
      size.size();
      expect([contains.accessed, size.accessed], version).toEqual([expected, expected]);
    }
  });
  it('counts get, set, clear and reading permanent as an access in both', () => {
    for (const version of ['3.1', '2.2'] as const) {
      const state = new SessionState({ a: 1 }, version);
      expect(state.permanent).toBe(false);
      expect(state.accessed).toBe(true);
      expect(state.modified).toBe(false);
      state.pop('missing');
      expect(state.modified).toBe(false);
      state.pop('a');
      expect([state.modified, state.data]).toEqual([true, {}]);
    }
  });
  it('defaults to Flask 3.1: the first GET / of the handout (`in` only) answers with Vary: Cookie', () => {
    const state = new SessionState({});
    state.has('firstName');
    const saved = saveSession(
      { data: state.data, modified: state.modified, accessed: state.accessed },
      { secretKey: 'k' },
    );
    expect(saved).toEqual({ setCookie: null, vary: true });
  });
});

describe('fallback keys and Partitioned', () => {
  const old = signSession({ a: 'b' }, { secretKey: 'old', timestamp: NOW });
  it('accepts a cookie signed with a fallback key in 3.1 (the default), not in 2.2', () => {
    const config = { secretKey: 'new', fallbackKeys: ['old'], now: () => NOW };
    expect(openSession(old, config)).toMatchObject({ status: 'valid', keyIndex: 1 });
    expect(openSession(old, { ...config, flaskVersion: '2.2' }).status).toBe('bad-signature');
  });
  it('adds Secure and Partitioned in 3.1 only', () => {
    const input = { data: { a: 'b' }, modified: true, accessed: true };
    const config = { secretKey: 'k', now: () => NOW, partitioned: true };
    expect(saveSession(input, config).setCookie).toMatch(/; Secure; HttpOnly; Path=\/; Partitioned$/);
    expect(saveSession(input, { ...config, flaskVersion: '2.2' }).setCookie).toMatch(/; HttpOnly; Path=\/$/);
  });
});

describe('nesting limits', () => {
  it('loads JSON nested 491 deep in 3.1 and refuses 492 with a typed error', () => {
    expect(() => taggedLoads(arrays(491), '3.1')).not.toThrow();
    expect(() => taggedLoads(objects(491), '3.1')).not.toThrow();
    expect(() => taggedLoads(arrays(492), '3.1')).toThrow(NestingTooDeep);
    expect(() => taggedLoads(objects(492))).toThrow(NestingTooDeep);
  });
  it('loads arrays 977 and objects 976 deep in 2.2, one more fails', () => {
    expect(() => taggedLoads(arrays(977), '2.2')).not.toThrow();
    expect(() => taggedLoads(arrays(978), '2.2')).toThrow(NestingTooDeep);
    expect(() => taggedLoads(objects(976), '2.2')).not.toThrow();
    expect(() => taggedLoads(objects(977), '2.2')).toThrow(NestingTooDeep);
  });
  it('refuses a session nested 100,000 deep as a bad payload, without a stack overflow', () => {
    const json = `{"x":${arrays(100000)}}`;
    expect(() => decodeSessionJson(json)).toThrow(BadPayload);
    expect(() => decodeSessionJson(json)).toThrow(
      'the session nests deeper than Flask 3.1 loads (491 levels)',
    );
  });
  it('dumps the session plus 325 nested lists (or 243 tuples), as Flask does, and refuses one more', () => {
    const wrap = (depth: number, make: (inner: PyValue) => PyValue): PyValue => {
      let value: PyValue = 1;
      for (let i = 0; i < depth; i++) value = make(value);
      return { x: value };
    };
    expect(() => taggedDumps(wrap(325, (v) => [v]))).not.toThrow();
    expect(() => taggedDumps(wrap(326, (v) => [v]))).toThrow(NestingTooDeep);
    expect(() => taggedDumps(wrap(325, (v) => ({ a: v })))).not.toThrow();
    expect(() => taggedDumps(wrap(243, (v) => new PyTuple([v])))).not.toThrow();
    expect(() => taggedDumps(wrap(244, (v) => new PyTuple([v])))).toThrow(NestingTooDeep);
    expect(() => taggedDumps(wrap(100000, (v) => [v]))).toThrow(NestingTooDeep);
  });
});
