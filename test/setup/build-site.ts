import { fileURLToPath } from 'node:url';
import { buildIfStale, flaskPythonOf } from '../../server/build-freshness.ts';
import { defaultCourseTitle } from '../../server/config.ts';

/**
 * Builds the course site when it is missing or older than its sources, exactly as `npm start` does,
 * at the root and with the default title whatever this shell's BASE_PATH (the nginx test builds its own),
 * with real Flask packed from this shell's FLASK_PYTHON.
 */
export default function buildSite(): void {
  buildIfStale(fileURLToPath(new URL('../..', import.meta.url)), 'capture', {
    basePath: '',
    courseTitle: defaultCourseTitle,
    flaskPython: flaskPythonOf(),
  });
}
