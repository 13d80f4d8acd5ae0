import { Router } from 'express';
import type { ServerConfig } from './config.ts';

/** The live sandbox's routes, mounted at /sandbox. */
export function createSandboxRouter(_config: ServerConfig): Router {
  return Router();
}
