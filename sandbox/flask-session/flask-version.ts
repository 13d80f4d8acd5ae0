/**
 * Which Flask the engine follows: 3.1 (what `pip install flask` gives, the default) or 2.2 (Debian
 * 12's). Cookie bytes are the same in both; these are the places where behaviour differs.
 */
import type { DepthLimit } from './json-parse.ts';

/** A Flask release line the engine can follow. */
export type FlaskVersion = '3.1' | '2.2';

/** The default: Flask 3.1. */
export const DEFAULT_FLASK_VERSION: FlaskVersion = '3.1';

/** The versions, for validating user input (CLI, lab settings). */
export const FLASK_VERSIONS: readonly FlaskVersion[] = ['3.1', '2.2'];

/** True for a supported version string. */
export function isFlaskVersion(value: unknown): value is FlaskVersion {
  return value === '3.1' || value === '2.2';
}

/**
 * SECRET_KEY_FALLBACKS exists from Flask 3.1; Flask 2.2 ignores the setting silently, so older
 * keys are accepted only when following 3.1.
 */
export function acceptedFallbacks(
  version: FlaskVersion | undefined,
  fallbackKeys: readonly string[] | undefined,
): string[] {
  return (version ?? DEFAULT_FLASK_VERSION) === '3.1' ? [...(fallbackKeys ?? [])] : [];
}

/**
 * The deepest JSON nesting each Flask loads inside a request (test client, Python 3.11, recursion
 * limit 1000), measured with test/python/measure_depth.py and checked by live-flask.test.ts: 3.1 scans the loaded JSON again in
 * Python (`_untag_scan`, two frames a level), 2.2 only calls its object hook (one frame per object).
 */
export const LOAD_DEPTH: Readonly<Record<FlaskVersion, DepthLimit>> = {
  '3.1': { arrays: 491, objects: 491 },
  '2.2': { arrays: 977, objects: 976 },
};

/**
 * Dumping: Flask's tagger recurses three frames per list or dict and four per tuple in both
 * versions; the session dict plus 325 nested lists dumps, one more raises RecursionError.
 */
export const DUMP_FRAME_BUDGET = 978;
