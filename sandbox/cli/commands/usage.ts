/** The help text, printed by `help` (stdout) and on usage errors (stderr). */
export const USAGE = `session-lab: sign, verify, read and attack Flask session cookies

Usage:
  session-lab sign --secret S --json JSON [--timestamp N] [--salt S]
      Print the cookie value Flask would set for the session JSON.
  session-lab load --secret S --cookie C [--fallback K]... [--max-age N] [--now N] [--salt S]
      Verify and decode; print {"ok":true,"session":…} or {"ok":false,"error":…} (exit 1).
  session-lab decode COOKIE [--json] [--secret S] [--fallback K]... [--max-age N] [--now N] [--salt S]
      Show the cookie's parts (payload · timestamp · signature) and its contents. Without
      --secret the signature is not checked: anyone can read a Flask cookie.
  session-lab guess COOKIE [--wordlist FILE] [--limit N] [--salt S] [--json]
      Look for a weak secret key among candidates (a built-in list by default).
  session-lab help
      Show this text.

Session JSON uses the oracle's convention for Python values: {"$tuple":[…]}, {"$bytes":"<base64>"},
{"$markup":"…"}, {"$uuid":"…"}, {"$datetime":"<RFC 1123>"}, {"$dict":{…}}.
Times are Unix seconds. Exit status: 0 ok, 1 failed check, 2 bad arguments.
`;
