/**
 * A visit (GET or HEAD) to an address that only takes a form's POST, such as /sandbox/flask/store:
 * someone typed it, bookmarked it or reloaded after a redirect. It gets a 405 page with `Allow: POST`
 * that says so and links back to the app, instead of the site's "this page does not exist". Which
 * addresses take only POST is read from the router itself, so a new form route needs no list here.
 */
import type { RequestHandler, Router } from 'express';
import { httpError } from './http-errors.ts';

/** The shape of express 5's router stack that this reads (router@2's Layer and Route). */
interface Layer {
  /** router@2.3 answers the matched prefix; earlier versions said true and kept it in `path`. */
  match(path: string): false | true | { path: string };
  path?: string;
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle: { stack?: Layer[] };
}

export const FORM_ONLY =
  "This address takes the app's form: the browser sends it there when you press the form's button (a POST), so there is no page to show here. Go back to the app and use its form.";

/**
 * Middleware for the end of `router`: a GET or HEAD that no route answered, at a path where a route
 * takes POST, is a 405 (the sandbox's error page renders it).
 */
export function formAddressVisits(router: Router): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const methods = methodsAt(router.stack as unknown as Layer[], req.path);
    if (!methods.has('post') || methods.has('get')) return next();
    res.setHeader('Allow', 'POST');
    next(httpError(405, FORM_ONLY));
  };
}

/**
 * The methods that routes at `path` answer, through mounted routers. Routes on patterns with a
 * wildcard (rate limits over a whole folder) say nothing about one address, so they are left out.
 */
function methodsAt(stack: Layer[], path: string): Set<string> {
  const methods = new Set<string>();
  for (const layer of stack) {
    const matched = layer.match(path);
    if (matched === false) continue;
    if (layer.route !== undefined) {
      const patterns = ([] as string[]).concat(layer.route.path);
      if (patterns.some((pattern) => pattern.includes('*'))) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on) methods.add(method);
    } else if (Array.isArray(layer.handle.stack)) {
      const prefix = typeof matched === 'object' ? matched.path : (layer.path ?? '');
      const rest = path.slice(prefix.length) || '/';
      for (const method of methodsAt(layer.handle.stack, rest)) methods.add(method);
    }
  }
  return methods;
}
