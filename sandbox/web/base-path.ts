/**
 * Where the course is served (BASE_PATH): '' at the root of the host, or a prefix such as '/course'.
 * One per process: createApp sets it before it builds the routers; cookie paths, redirects and the
 * server-rendered pages' links read it, so the browser sees every address under the prefix.
 */
let current = '';

/** Sets the prefix for this process ('' or '/course', already checked by readConfig). */
export function setBasePath(path: string): void {
  current = path;
}

/** The prefix in force: '' or e.g. '/course'. */
export function basePath(): string {
  return current;
}

/**
 * An absolute path on this site, under the prefix.
 * @example withBase('/sandbox/flask') // '/sandbox/flask', or '/course/sandbox/flask' under BASE_PATH=/course
 */
export function withBase(path: string): string {
  return `${current}${path}`;
}

/**
 * A request's original URL without the prefix, for routing decisions made on `originalUrl`.
 * @example withoutBase('/course/sandbox/flask/') // '/sandbox/flask/' under BASE_PATH=/course
 */
export function withoutBase(url: string): string {
  return current !== '' && url.startsWith(current) ? url.slice(current.length) || '/' : url;
}
