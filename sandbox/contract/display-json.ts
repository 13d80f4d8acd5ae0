/**
 * Display JSON: a session value as people and the page read it, in plain JSON. Tagged values take
 * the oracle's convention (`{"$tuple":[…]}`, `{"$bytes":"…"}`…; shared/flask-oracle/README.md).
 * On the server an exact number (an int past 2^53, `3.0`) is a `JSON.rawJSON` lexeme, an object
 * `{ rawJSON: '3.0' }` until it is written; once sent it is a plain number.
 */
export type DisplayJson = null | boolean | number | string | DisplayJson[] | { [key: string]: DisplayJson };

/** A whole session in display JSON: its top-level keys and their values. */
export type DisplaySession = { [key: string]: DisplayJson };
