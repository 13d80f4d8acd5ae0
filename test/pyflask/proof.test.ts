/**
 * Proof on the spot, the page's logic: what it asks the server's engine after an exchange with
 * real Flask in the browser (test/fixtures/browser-flask-exchanges.json, recorded at 1796637600
 * with the handout's key), and the sentence for the same bytes and for each way they can differ.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayHandoutRequest } from '../../sandbox/apps/same-action.ts';
import {
  proofUnavailable,
  proofVerdict,
  sameActionQuestionOf,
  sameBytesSentence,
  signedAtOf,
} from '../../src/lib/pyflask/proof.ts';
import type { WsgiRequest, WsgiResponse } from '../../src/lib/pyflask/types.ts';
import { handoutKey, engineHeader as header, second } from './engine-header.ts';

const recorded: {
  request: { method: string; path: string; body: string; cookie: string | null };
  response: { status: number; headers: [string, string][] };
}[] = JSON.parse(readFileSync(new URL('../fixtures/browser-flask-exchanges.json', import.meta.url), 'utf8'));

/** Recorded step `i` as the page's WsgiRequest and WsgiResponse. */
function step(i: number): { request: WsgiRequest; response: WsgiResponse } {
  const { request, response } = recorded[i] as (typeof recorded)[number];
  return {
    request: {
      method: request.method,
      path: request.path,
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ...(request.cookie ? [['Cookie', request.cookie] as [string, string]] : []),
      ],
      body: request.body,
    },
    response: { status: response.status, statusText: '', headers: response.headers, body: '' },
  };
}
const setCookiesOf = (response: WsgiResponse) =>
  response.headers.filter(([k]) => k.toLowerCase() === 'set-cookie').map(([, v]) => v);
describe('sameActionQuestionOf: what the page asks', () => {
  it('Store: the route, the form as pairs, the Cookie sent and the second in the cookie', () => {
    const { request, response } = step(1);
    expect(sameActionQuestionOf(request, response, second + 40)).toEqual({
      method: 'POST',
      path: '/store',
      form: [['firstName', 'Ada']],
      cookie: null,
      signedAt: second,
    });
    const flash = step(3);
    expect(sameActionQuestionOf(flash.request, flash.response, second)?.cookie).toBe(
      recorded[3]?.request.cookie,
    );
  });

  it('nothing to ask without a session Set-Cookie, or for a route the handout has not', () => {
    const { request, response } = step(0);
    expect(sameActionQuestionOf(request, response, second)).toBeUndefined();
    const store = step(1);
    expect(sameActionQuestionOf({ ...store.request, path: '/mine' }, store.response, second)).toBeUndefined();
    expect(sameActionQuestionOf({ ...store.request, method: 'GET' }, store.response, second)).toBeUndefined();
  });

  it("a deletion carries no time: asked at the page's clock, whole seconds", () => {
    const { request, response } = step(7);
    expect(sameActionQuestionOf(request, response, second + 3.9)?.signedAt).toBe(second + 3);
  });

  it('signedAtOf reads the timestamp segment', () => {
    expect(signedAtOf('eyJmaXJzdE5hbWUiOiJBZGEifQ.axaDoA.l89n0EjvI11BQghapdV_kzw0sRM')).toBe(second);
    expect(signedAtOf('.eJyrVkrLLCou8UvMTVWyUnIcBUQDpVoAK19RkA.axaDoA.J7o-8oib1W-TnnOylLmy9fuV51U')).toBe(
      second,
    );
    expect(signedAtOf('')).toBeUndefined();
    expect(signedAtOf('one.two')).toBeUndefined();
  });
});

describe('proofVerdict: what the page says', () => {
  it("every recorded exchange with a cookie, replayed by the server's engine: the same bytes", () => {
    let compared = 0;
    for (const i of recorded.keys()) {
      const { request, response } = step(i);
      const question = sameActionQuestionOf(request, response, second);
      if (!question) continue;
      const verdict = proofVerdict(replayHandoutRequest(question), setCookiesOf(response));
      // The Permanent step's Expires was dated by the recording's real clock, not the signing time.
      if (request.path === '/permanent') {
        expect(verdict.text, `step ${i}`).toBe("The cookie's attributes differ: Expires.");
      } else {
        expect(verdict, `step ${i}`).toEqual({ same: true, text: sameBytesSentence });
      }
      compared++;
    }
    expect(compared).toBe(6);
    expect(sameBytesSentence).toMatch(/^Real Flask sent the same bytes as the server's engine/);
  });

  it('the learner stored something else: the payload, with both sessions, so the signature too', () => {
    expect(
      proofVerdict({ setCookies: [header({ firstName: 'Ada' })] }, [header({ firstName: 'ADA' })]),
    ).toEqual({
      same: false,
      text: 'The payload differs: your code stored {"firstName":"ADA"}, the handout stores {"firstName":"Ada"}, so the signature differs too.',
    });
  });

  it('another key: the signature', () => {
    expect(
      proofVerdict({ setCookies: [header({ firstName: 'Ada' })] }, [
        header({ firstName: 'Ada' }, 'my-own-new-key'),
      ]),
    ).toEqual({
      same: false,
      text: 'The signature differs: your app signs with a different key than the handout (the same bytes were signed).',
    });
  });

  it('another second: the timestamp, with both clocks', () => {
    const verdict = proofVerdict({ setCookies: [header({ a: 1 })] }, [
      header({ a: 1 }, handoutKey, second + 61),
    ]);
    expect(verdict.text).toBe(
      "The timestamp differs: real Flask signed at 10:01:01 UTC, the server's engine at 10:00:00 UTC, so the signature differs too.",
    );
  });

  it('attributes, a cookie where the handout sets none, and none where it sets one', () => {
    const mine = header({ a: 1 }).replace('; HttpOnly', '; HttpOnly; SameSite=Lax');
    expect(proofVerdict({ setCookies: [header({ a: 1 })] }, [mine]).text).toBe(
      "The cookie's attributes differ: SameSite.",
    );
    expect(proofVerdict({ setCookies: [] }, [header({ a: 1 })]).text).toBe(
      "Your app set a session cookie where the handout's app sets none for this action.",
    );
    expect(proofVerdict({ setCookies: [header({ a: 1 })] }, ['other=1; Path=/']).text).toBe(
      "Your app set no session cookie where the handout's app sets one for this action.",
    );
  });

  it('a payload that is no Flask session, and a deleted cookie, are named as such', () => {
    const deleted = 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/';
    expect(proofVerdict({ setCookies: [header({ a: 1 })] }, [deleted]).text).toContain(
      'your code stored nothing (the cookie is deleted)',
    );
    expect(
      proofVerdict({ setCookies: [header({ a: 1 })] }, ['session=abc.def.ghi; HttpOnly; Path=/']).text,
    ).toContain('your code stored something that is no Flask session');
  });

  it('the server could not be asked: says so, with its reason', () => {
    expect(proofUnavailable('"signedAt" must be within 300 seconds')).toBe(
      'Could not compare with the server\'s engine: "signedAt" must be within 300 seconds',
    );
    expect(proofUnavailable(undefined)).toBe("Could not compare with the server's engine.");
  });
});
