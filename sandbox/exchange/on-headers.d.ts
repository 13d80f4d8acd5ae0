// on-headers (installed with cookie-session and compression) ships no types; this is its whole API.
declare module 'on-headers' {
  import type { ServerResponse } from 'node:http';
  /** Calls `listener` once, just before the response writes its headers (they can still be changed). */
  export default function onHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void;
}
