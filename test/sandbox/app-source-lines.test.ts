/**
 * The app lines a record highlights: each text is looked for after the line of the previous one, so
 * a line that appears twice (session.clear() in clear, login and logout) is the one of its route.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { findLines } from '../../sandbox/apps/app-source.ts';
import type { Exchange } from '../../sandbox/contract/exchange.ts';
import { embeddedExchanges, sandboxApp } from './app.ts';

describe('app lines', () => {
  it('finds each text after the previous one, from the first line on', () => {
    expect(findLines('a\nb\na\nc', ['a', 'a', 'c'])).toEqual([1, 3, 4]);
    expect(findLines('b\na', ['a'])).toEqual([2]);
    expect(() => findLines('a\nb', ['b', 'a'])).toThrow(
      'flask_app.py has no line containing "a" (after line 2)',
    );
  });

  it("a login's record highlights login's own session.clear(), after its password check", async () => {
    const agent = request.agent(sandboxApp());
    const res = await agent
      .post('/sandbox/flask/login')
      .type('form')
      .send({ username: 'ada', password: 'lovelace' });
    const [login] = embeddedExchanges((await agent.get(res.headers.location)).text) as unknown as Exchange[];
    // flask_app.py's login(): lines 71 to 80 but the error branch (76, 77); clear() is line 46.
    expect(login?.codeLines).toEqual([71, 72, 73, 74, 75, 78, 79, 80]);
  });
});
