import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';

/**
 * GitHub's code themes with the few token colours that miss WCAG AA contrast (4.5:1) darkened or
 * lightened: orange on white in light mode (3.5:1) and grey comments on the dark background (3.0:1).
 * Used by Markdown code fences (astro.config.mjs) and by every <Code> component, so all code matches.
 */
export const codeThemes = {
  light: { ...githubLight, name: 'github-light-aa', colorReplacements: { '#e36209': '#b35000' } },
  dark: { ...githubDark, name: 'github-dark-aa', colorReplacements: { '#6a737d': '#959da5' } },
};
