/**
 * The Code tab's editors (CodeMirror) and runner weigh hundreds of KB, so a step page fetches them
 * only when the learner opens Code (its panel comes into view): every other visit stays small.
 */
const codeTabs = document.querySelectorAll<HTMLElement>('[data-code-tab]');
if (codeTabs.length > 0) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    void import('./main.ts');
  });
  for (const tab of codeTabs) observer.observe(tab);
}
