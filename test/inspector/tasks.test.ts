import { describe, expect, it } from 'vitest';
import { completedTasks, taskChecks, taskDoneOnStep } from '../../src/lib/inspector/tasks.ts';
import type { DisplaySession, Exchange } from '../../src/lib/inspector/types.ts';
import type { SandboxTaskId } from '../../src/schemas/lesson.ts';
import { sandboxTaskIds } from '../../src/schemas/lesson.ts';
import { exchange, flaskCookie } from './exchange-fixture.ts';

const setSession = `session=${flaskCookie}; HttpOnly; Path=/sandbox/flask`;
const store = (before: DisplaySession, firstName: string, setCookies = [setSession]) =>
  exchange({
    method: 'POST',
    action: 'store',
    path: '/sandbox/flask/store',
    status: 302,
    setCookies,
    session: { status: 'valid', before, after: { ...before, firstName } },
  });

/** Runs one task's check; `inspected` is what the learner opened in the inspector. */
const run = (task: SandboxTaskId, timeline: Exchange[], inspected: ReadonlySet<string> = new Set()) =>
  taskChecks[task](timeline, inspected);

describe('taskChecks', () => {
  it('has a check for every task id in the lesson schema', () => {
    expect(Object.keys(taskChecks).sort()).toEqual([...sandboxTaskIds].sort());
  });

  describe('see-empty-session', () => {
    it('passes once the learner opened a Flask GET / with an empty session and no Set-Cookie', () => {
      const page = exchange();
      expect(run('see-empty-session', [page], new Set([page.id]))).toBe(true);
    });
    it('is not done by opening the page alone, before the learner looked', () => {
      expect(run('see-empty-session', [exchange()], new Set())).toBe(false);
    });
    it('fails when the page had a session or set a cookie, or on Express', () => {
      const check = (e: ReturnType<typeof exchange>) => run('see-empty-session', [e], new Set([e.id]));
      expect(check(exchange({ session: { after: { firstName: 'Ada' } } }))).toBe(false);
      expect(check(exchange({ setCookies: [setSession] }))).toBe(false);
      expect(check(exchange({ engine: 'express' }))).toBe(false);
    });
  });

  describe('store-first-name', () => {
    it('passes for POST /store setting a session with firstName', () => {
      expect(run('store-first-name', [store({}, 'Ada')])).toBe(true);
    });
    it('fails without a session Set-Cookie', () => {
      expect(run('store-first-name', [store({}, 'Ada', [])])).toBe(false);
      expect(run('store-first-name', [store({}, 'Ada', ['session=; Max-Age=0'])])).toBe(false);
    });
  });

  describe('tamper-rejected', () => {
    it('passes when an incoming cookie was judged bad-signature', () => {
      expect(run('tamper-rejected', [exchange({ session: { status: 'bad-signature' } })])).toBe(true);
    });
    it('fails for valid or missing cookies', () => {
      expect(run('tamper-rejected', [exchange(), exchange({ session: { status: 'valid' } })])).toBe(false);
    });
  });

  describe('start-over', () => {
    const clear = (setCookies: string[]) =>
      exchange({ method: 'POST', action: 'clear', path: '/sandbox/flask/clear', status: 302, setCookies });
    it('passes for POST /clear answered with Max-Age=0', () => {
      expect(
        run('start-over', [
          clear([
            'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
          ]),
        ]),
      ).toBe(true);
    });
    it('fails when clear sent no deleting cookie (the session was already empty)', () => {
      expect(run('start-over', [clear([])])).toBe(false);
    });
  });

  describe('change-first-name', () => {
    it('passes for a store that replaced one first name with another', () => {
      expect(run('change-first-name', [store({}, 'Ada'), store({ firstName: 'Ada' }, 'Grace')])).toBe(true);
    });
    it('fails for a first store, or storing the same name again', () => {
      expect(run('change-first-name', [store({}, 'Ada'), store({ firstName: 'Ada' }, 'Ada')])).toBe(false);
    });
  });

  describe('escape-markup', () => {
    it('passes for a GET that printed a first name with markup through the if branch', () => {
      const page = exchange({ templateBranch: 'if', session: { after: { firstName: '<b>Ada</b>' } } });
      expect(run('escape-markup', [page])).toBe(true);
    });
    it('fails for plain names or the else branch', () => {
      const check = (timeline: Exchange[]) => run('escape-markup', timeline);
      expect(check([exchange({ templateBranch: 'if', session: { after: { firstName: 'Ada' } } })])).toBe(
        false,
      );
      expect(check([exchange({ templateBranch: 'else', session: { after: { firstName: '<b>' } } })])).toBe(
        false,
      );
    });
  });

  describe('compare-engines', () => {
    const expressStore = (setCookies: string[]) =>
      exchange({ engine: 'express', method: 'POST', action: 'store', status: 302, setCookies });
    it('passes for an Express store that set session.sig', () => {
      expect(
        run('compare-engines', [expressStore(['session=eyJ9; path=/', 'session.sig=abc; path=/'])]),
      ).toBe(true);
    });
    it('fails for a Flask store', () => {
      expect(run('compare-engines', [store({}, 'Ada')])).toBe(false);
    });
  });

  describe('make-permanent', () => {
    const permanent = exchange({ method: 'POST', action: 'permanent', status: 302 });
    const withExpires = store({}, 'Ada', [
      `${setSession.split(';')[0]}; Expires=Fri, 01 Jan 2100 00:00:00 GMT`,
    ]);
    it('passes for a cookie with a future Expires at or after POST /permanent', () => {
      expect(run('make-permanent', [permanent, withExpires])).toBe(true);
    });
    it('fails without POST /permanent first, or without Expires', () => {
      expect(run('make-permanent', [withExpires, permanent])).toBe(false);
      expect(run('make-permanent', [permanent, store({}, 'Ada')])).toBe(false);
    });
  });
  describe('see-flash', () => {
    const flashes = [{ ' t': ['message', 'Saved Ada'] }];
    const flashPost = (after: DisplaySession) =>
      exchange({
        method: 'POST',
        action: 'flash' as Exchange['action'],
        path: '/sandbox/flask/flash',
        status: 302,
        setCookies: [setSession],
        session: { status: 'valid', before: {}, after },
      });
    const page = (after: DisplaySession) => exchange({ session: { status: 'valid', after } });
    it('passes for a flash POST that left _flashes, then a page that read them', () => {
      expect(run('see-flash', [flashPost({ _flashes: flashes }), page({})])).toBe(true);
    });
    it('fails until a later page no longer has _flashes', () => {
      const check = (timeline: Exchange[]) => run('see-flash', timeline);
      expect(check([flashPost({ _flashes: flashes })])).toBe(false);
      expect(check([flashPost({ _flashes: flashes }), page({ _flashes: flashes })])).toBe(false);
    });
    it('fails when the page came first, or the POST set no _flashes', () => {
      const check = (timeline: Exchange[]) => run('see-flash', timeline);
      expect(check([page({}), flashPost({ _flashes: flashes })])).toBe(false);
      expect(check([flashPost({}), page({})])).toBe(false);
    });
  });

  describe('replay-old-cookie', () => {
    const stored = exchange({
      method: 'POST',
      action: 'store',
      setCookies: [setSession],
      cookieAfter: flaskCookie,
    });
    const cleared = exchange({
      method: 'POST',
      action: 'clear',
      requestCookie: `session=${flaskCookie}`,
      setCookies: [
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask',
      ],
      cookieAfter: null,
    });
    const sentBack = (status: Exchange['session']['status']) =>
      exchange({ requestCookie: `session=${flaskCookie}`, session: { status } });
    it('passes when a deleted cookie is sent again and still verifies (store, Start over, replay)', () => {
      expect(run('replay-old-cookie', [stored, cleared, sentBack('valid')])).toBe(true);
    });
    it('fails when the cookie sent back was refused, or was never replaced or deleted', () => {
      expect(run('replay-old-cookie', [stored, cleared, sentBack('bad-signature')])).toBe(false);
      expect(run('replay-old-cookie', [stored, sentBack('valid')])).toBe(false);
    });
    it('does not judge the lab replay POST itself, which carried the cookie the browser held', () => {
      const replayPost = exchange({
        method: 'POST',
        action: 'lab',
        labAction: 'replay',
        codeLines: [],
        session: { status: 'valid' },
      });
      expect(run('replay-old-cookie', [replayPost])).toBe(false);
    });
  });
});

describe('completedTasks', () => {
  it('lists every passing task in schema order', () => {
    const first = exchange();
    expect(
      completedTasks([first, store({}, 'Ada'), store({ firstName: 'Ada' }, 'Bob')], new Set([first.id])),
    ).toEqual(['see-empty-session', 'store-first-name', 'change-first-name']);
  });
  it('is empty for no exchanges', () => {
    expect(completedTasks([])).toEqual([]);
  });
});

describe('the tasks of the flash and replay steps', () => {
  it('see-flash passes for a page that consumed a flashed message', () => {
    const shown = exchange({
      session: { status: 'valid', before: { _flashes: [['message', 'Hi']] }, after: {} },
    });
    expect(run('see-flash', [shown])).toBe(true);
    expect(run('see-flash', [exchange()])).toBe(false);
  });
  it('replay-old-cookie passes when a replaced cookie is sent again and still verifies', () => {
    const a = exchange({ method: 'POST', cookieAfter: 'old.a.b' });
    const b = exchange({
      method: 'POST',
      requestCookie: 'session=old.a.b',
      setCookies: ['session=new.c.d; HttpOnly; Path=/sandbox/flask'],
      cookieAfter: 'new.c.d',
    });
    const replay = exchange({ requestCookie: 'session=old.a.b', session: { status: 'valid' } });
    expect(run('replay-old-cookie', [a, b, replay])).toBe(true);
    expect(run('replay-old-cookie', [a, b])).toBe(false);
  });
});

describe('taskDoneOnStep', () => {
  const made = store({}, 'Ada');
  const onStep = (slug: string) => (id: string) => (id === made.id ? slug : undefined);
  it('counts only what the learner did on the step that asks for the task', () => {
    expect(taskDoneOnStep('store-first-name', [made], onStep('the-import'), 'the-import')).toBe(true);
    expect(taskDoneOnStep('store-first-name', [made], onStep('the-import'), 'csrf')).toBe(false);
    expect(taskDoneOnStep('store-first-name', [made], () => undefined, 'the-import')).toBe(false);
  });
});

describe('the tasks of the login and CSRF steps', () => {
  const deleting =
    'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/sandbox/flask';
  const post = (action: string, setCookies: string[]) =>
    exchange({ method: 'POST', action: action as Exchange['action'], status: 302, setCookies });
  it('log-in-and-out passes for a login that set a cookie and a later logout that deleted it', () => {
    expect(run('log-in-and-out', [post('login', [setSession]), post('logout', [deleting])])).toBe(true);
  });
  it('log-in-and-out fails without the logout, without the login, or when the logout kept the cookie', () => {
    expect(run('log-in-and-out', [post('login', [setSession])])).toBe(false);
    expect(run('log-in-and-out', [post('logout', [deleting])])).toBe(false);
    expect(run('log-in-and-out', [post('login', [setSession]), post('logout', [setSession])])).toBe(false);
    expect(run('log-in-and-out', [post('logout', [deleting]), post('login', [setSession])])).toBe(false);
  });
  it('see-fetch-metadata passes once the learner opened a same-origin POST in the inspector', () => {
    const sent = exchange({ method: 'POST', action: 'store', fetchSite: 'same-origin' });
    expect(run('see-fetch-metadata', [sent], new Set([sent.id]))).toBe(true);
    expect(run('see-fetch-metadata', [sent], new Set())).toBe(false);
    const page = exchange({ fetchSite: 'same-origin' });
    expect(run('see-fetch-metadata', [page], new Set([page.id]))).toBe(false);
  });
});
