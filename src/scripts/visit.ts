import { recordVisit } from '../lib/progress.ts';
import { updateProgress } from './progress-store.ts';

/** Remembers the step the learner opened, for "resume where you left off". */
const slug = document.querySelector<HTMLElement>('[data-current-step]')?.dataset.currentStep;
if (slug) updateProgress((progress) => recordVisit(progress, slug));
