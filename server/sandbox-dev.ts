import type { AstroIntegration } from 'astro';
import express from 'express';
import { createSandboxRouter, sandboxConfigOf } from '../sandbox/router.ts';
import { setBasePath } from '../sandbox/web/base-path.ts';
import { readConfig } from './config.ts';

/**
 * Serves the live sandbox inside `astro dev`, so lesson authors see the embedded apps while they
 * write. `npm start` mounts the same router in server/server.ts; this only adds it to dev.
 */
export function sandboxInDev(): AstroIntegration {
  return {
    name: 'session-lab:sandbox-in-dev',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const config = readConfig();
        setBasePath(config.basePath);
        const app = express();
        app.use(`${config.basePath}/sandbox`, createSandboxRouter(sandboxConfigOf(config)));
        server.middlewares.use(app);
      },
    },
  };
}
