/**
 * An anatomy as the page receives it: the same parts, with the session in display JSON. The
 * recorder and the decode tool both send this form.
 */
import type { CookieAnatomyView } from '../contract/anatomy.ts';
import { toConvention } from '../flask-session/convention.ts';
import type { CookieAnatomy } from './anatomy.ts';

/** `cut` with its session value in display JSON (a new object; `cut` is left as it was). */
export function anatomyView(cut: CookieAnatomy): CookieAnatomyView {
  const { value, ...rest } = cut;
  return value === undefined ? rest : { ...rest, value: toConvention(value) };
}
