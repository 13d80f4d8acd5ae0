import { recordAnswer } from '../lib/progress.ts';
import { loadProgress, updateProgress } from './progress-store.ts';

/** Saves the learner's answer and announces the feedback; CSS already shows it beside the answer. */
for (const section of document.querySelectorAll<HTMLElement>('[data-question]')) {
  const slug = section.dataset.question ?? '';
  const status = section.querySelector<HTMLElement>('[data-question-status]');
  const saved = loadProgress().answers[slug];
  if (saved) {
    const input = section.querySelectorAll<HTMLInputElement>('input[type="radio"]')[saved.choice];
    if (input) input.checked = true;
  }
  section.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const answer = input.closest<HTMLElement>('.answer');
    if (!answer) return;
    const correct = answer.dataset.correct === 'true';
    updateProgress((progress) => recordAnswer(progress, slug, Number(input.value), correct));
    if (status) status.textContent = answer.querySelector('.feedback')?.textContent?.trim() ?? '';
  });
}
