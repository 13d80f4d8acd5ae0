import { recordAnswer } from '../lib/progress.ts';
import { loadProgress, updateProgress } from './progress-store.ts';

/**
 * Makes each question check on request: arrow keys only move between answers, while a click, Space,
 * Enter or the Check button checks the chosen one, shows its feedback, announces it and saves it.
 * Without this script, CSS shows the chosen answer's feedback straight away.
 */
const arrowKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

function enhance(section: HTMLElement): void {
  const slug = section.dataset.question ?? '';
  const status = section.querySelector<HTMLElement>('[data-question-status]');
  const button = section.querySelector<HTMLButtonElement>('[data-question-check]');
  const hint = section.querySelector<HTMLElement>('[data-question-hint]');
  const radios = [...section.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  const answers = radios.map((radio) => radio.closest<HTMLElement>('.answer'));
  section.dataset.enhanced = '';
  if (button) button.hidden = false;
  if (hint) {
    hint.hidden = false;
    section.querySelector('fieldset')?.setAttribute('aria-describedby', hint.id);
  }

  /** Shows the feedback of one answer (or none), hiding any other. */
  const reveal = (chosen: HTMLInputElement | undefined) => {
    for (const [index, answer] of answers.entries())
      answer?.toggleAttribute('data-checked', radios[index] === chosen);
  };

  const check = () => {
    const chosen = radios.find((radio) => radio.checked);
    if (!chosen) {
      if (status) status.textContent = 'Choose an answer first.';
      return;
    }
    reveal(chosen);
    const answer = chosen.closest<HTMLElement>('.answer');
    const correct = answer?.dataset.correct === 'true';
    updateProgress((progress) => recordAnswer(progress, slug, radios.indexOf(chosen), correct));
    if (status) status.textContent = answer?.querySelector('.feedback')?.textContent?.trim() ?? '';
  };

  // A change that follows an arrow key only moves the choice; any other change (a click, Space) checks.
  let movedByArrow = false;
  section.addEventListener('keydown', (event) => {
    if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'radio') return;
    movedByArrow = arrowKeys.has(event.key);
    if (event.key === 'Enter') {
      event.preventDefault();
      check();
    } else if (event.key === ' ' && event.target.checked) {
      // Space on the answer already chosen fires no change, so check it here.
      event.preventDefault();
      check();
    }
  });
  section.addEventListener('pointerdown', () => {
    movedByArrow = false;
  });
  section.addEventListener('change', () => {
    if (movedByArrow) {
      movedByArrow = false;
      reveal(undefined);
      if (status) status.textContent = '';
      return;
    }
    check();
  });
  button?.addEventListener('click', check);

  const saved = loadProgress().answers[slug];
  const restored = saved ? radios[saved.choice] : undefined;
  if (restored) {
    restored.checked = true;
    reveal(restored);
  }
}

for (const section of document.querySelectorAll<HTMLElement>('[data-question]')) enhance(section);
