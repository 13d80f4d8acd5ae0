/**
 * The framed app's controls, by name: a lesson lists the ones its step uses (frontmatter
 * `sandbox.controls`), the course page passes them in the frame's address (`?controls=store,clear`),
 * and the app shows those first and folds the rest under "More actions". Only these names are ever
 * read from the address, so nothing a visitor types there reaches the page.
 */
export const appControls = ['store', 'flash', 'permanent', 'clear', 'store-second', 'login'] as const;

export type AppControl = (typeof appControls)[number];

/** Longest `controls` value read: every name once, with commas. */
const longest = appControls.join(',').length;

/**
 * The known control names in a `?controls=` value, in its order, without repeats; undefined when
 * the value is missing, too long or names none we know (then the app shows every control).
 * @example parseControls('store,clear') // ['store', 'clear']
 * @example parseControls('<b>') // undefined
 */
export function parseControls(value: unknown): AppControl[] | undefined {
  if (typeof value !== 'string' || value.length > longest) return undefined;
  const known = new Set<string>(appControls);
  const names = [...new Set(value.split(','))].filter((name): name is AppControl => known.has(name));
  return names.length ? names : undefined;
}

/**
 * The query that asks for `controls` (`?controls=store,clear`), or '' for every control. Built from
 * known names only, so it is safe in a Location header and an HTML attribute alike.
 * @example controlsQuery(['store', 'clear']) // '?controls=store,clear'
 */
export function controlsQuery(controls: readonly AppControl[] | undefined): string {
  return controls?.length ? `?controls=${controls.join(',')}` : '';
}

/** The controls to show (in order) and the ones for "More actions"; all shown when none are asked for. */
export function splitControls(controls: readonly AppControl[] | undefined): {
  shown: AppControl[];
  more: AppControl[];
} {
  if (!controls?.length) return { shown: [...appControls], more: [] };
  return { shown: [...controls], more: appControls.filter((name) => !controls.includes(name)) };
}
