/** The help text, printed by `help` (stdout) and on usage errors (stderr). */
export const USAGE = `session-lab: sign, verify, read and attack Flask session cookies

Usage:
  session-lab sign --secret S --json JSON [--timestamp N] [--salt S]
      Print the cookie value Flask would set for the session JSON.
  session-lab load --secret S --cookie C [--fallback K]... [--max-age N] [--now N] [--salt S] [--flask V]
      Verify and decode; print {"ok":true,"session":…} or {"ok":false,"error":…} (exit 1).
  session-lab decode COOKIE [--json] [--secret S] [--fallback K]... [--max-age N] [--now N] [--salt S] [--flask V]
      Show the cookie's parts (payload · timestamp · signature) and its contents. Without
      --secret the signature is not checked: anyone can read a Flask cookie.
  session-lab guess COOKIE [--wordlist FILE] [--limit N] [--salt S] [--json]
      Look for a weak secret key among candidates (a built-in list by default).
  session-lab help
      Show this text.

Session JSON uses the oracle's convention for Python values: {"$tuple":[…]}, {"$bytes":"<base64>"},
{"$markup":"…"}, {"$uuid":"…"}, {"$datetime":"<RFC 1123>"}, {"$dict":{…}}.
Numbers are read and written as Python's json does: 3.0 stays a float, big ints stay exact, and
NaN, Infinity, -Infinity and -0.0 are written as such, so load/decode output signs back the same.
--flask 3.1 (default) or 2.2: which Flask to follow (2.2 ignores --fallback keys, as it ignores
SECRET_KEY_FALLBACKS). Times are Unix seconds. Exit status: 0 ok, 1 failed check, 2 bad arguments.
`;
