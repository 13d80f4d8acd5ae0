import type { AstroIntegration } from 'astro';
import express from 'express';
import { readConfig } from '../../sandbox/server/config.ts';
import { createSandboxRouter } from '../../sandbox/server/sandbox-routes.ts';
import { setBasePath } from '../../sandbox/web/base-path.ts';

/**
 * Serves the live sandbox inside `astro dev`, so lesson authors see the embedded apps while they
 * write. `npm start` mounts the same router in sandbox/server/server.ts; this only adds it to dev.
 */
export function sandboxInDev(): AstroIntegration {
  return {
    name: 'session-lab:sandbox-in-dev',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const config = readConfig();
        setBasePath(config.basePath);
        const app = express();
        app.use(`${config.basePath}/sandbox`, createSandboxRouter(config));
        server.middlewares.use(app);
      },
    },
  };
}
