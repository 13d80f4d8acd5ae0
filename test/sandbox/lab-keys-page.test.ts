/**
 * What the Flask app page tells a learner about their own key settings: the key in force, each
 * fallback in order, and a weak key from the lab's list kept hidden, also once it became a fallback.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sandboxApp } from './app.ts';

const hidden = "a weak key from the lab's word list (hidden — try to guess it)";

/** The page's key settings block, as plain lines. */
async function keyLines(agent: ReturnType<typeof request.agent>): Promise<string[]> {
  const page = await agent.get('/sandbox/flask/');
  const block = /<summary>Your sandbox uses[\s\S]*?(?=<\/details>)/.exec(page.text)?.[0] ?? '';
  return block
    .split(/<\/?(?:summary|p)>/)
    .map((line) => line.replace(/<\/?code>/g, '').trim())
    .filter((line) => line !== '');
}

describe('the key settings on the app page', () => {
  it('are not shown while the sandbox key is in force', async () => {
    expect(await keyLines(request.agent(sandboxApp()))).toEqual([]);
  });

  it('keep a weak key hidden, also as a fallback after rotating, and list fallbacks oldest first', async () => {
    const agent = request.agent(sandboxApp());
    await agent.post('/sandbox/flask/store').type('form').send({ firstName: 'Phill' });
    await agent.post('/sandbox/flask/lab/weak-key').type('form');
    expect(await keyLines(agent)).toEqual(['Your sandbox uses your own lab key', `Key: ${hidden}`]);

    await agent.post('/sandbox/flask/lab/key').type('form').send({ secretKey: 'mine', mode: 'rotate' });
    expect(await keyLines(agent)).toEqual([
      'Your sandbox uses your own lab key and 1 fallback key',
      'Key: mine',
      `Fallback: ${hidden}`,
    ]);

    await agent.post('/sandbox/flask/lab/key').type('form').send({ secretKey: 'second', mode: 'rotate' });
    expect(await keyLines(agent)).toEqual([
      'Your sandbox uses your own lab key and 2 fallback keys',
      'Key: second',
      `Fallback: ${hidden}`,
      'Fallback: mine',
    ]);
  });
});
