import express, { type Express } from 'express';
import type { FaultController } from '../host/types';
import { sendError } from './errors';
import type { ArgoCdInstance } from './instance';
import { applicationRoutes } from './routes/applications';
import { applicationUpdateRoutes } from './routes/applicationUpdate';
import { accountRoutes } from './routes/account';
import { clusterRoutes } from './routes/clusters';
import { projectRoutes } from './routes/projects';
import { repositoryRoutes } from './routes/repositories';
import { settingsRoutes } from './routes/settings';
import { handle, requireAuth } from './routes/handle';
import { operationRoutes } from './routes/operations';
import { resourceRoutes } from './routes/resources';
import { rollbackRoutes } from './routes/rollback';
import { sessionRoutes } from './routes/session';
import { streamRoutes } from './routes/stream';

/**
 * The HTTP API of one ArgoCD instance. Order matters: the sandbox's own counter endpoint first
 * (never counted, never faulted), then the request counter, then this instance's faults
 * (`argocd/<instance>`), then ArgoCD's routes.
 */
export function createArgoCdApp(
  instance: ArgoCdInstance,
  faults: FaultController,
): Express {
  const app = express();
  app.disable('x-powered-by');
  // Plain query parsing (repeated keys become arrays, `+` is a space), as Go's url.ParseQuery does.
  app.set('query parser', 'simple');

  app.get('/sandbox/requests', (_req, res) => {
    res.json(instance.requests.snapshot());
  });
  app.delete('/sandbox/requests', (_req, res) => {
    instance.requests.reset();
    res.status(204).end();
  });

  app.use((req, _res, next) => {
    instance.requests.count(req.method, req.path);
    next();
  });
  app.use(faults.middleware(`argocd/${instance.name}`));
  app.use(express.json({ limit: '5mb' }));

  app.use(sessionRoutes(instance));
  app.use(settingsRoutes(instance));
  app.use('/api/v1', requireAuth(instance));
  app.use(applicationRoutes(instance));
  app.use(applicationUpdateRoutes(instance));
  app.use(projectRoutes(instance));
  app.use(clusterRoutes(instance));
  app.use(repositoryRoutes(instance));
  app.use(accountRoutes(instance));
  app.use(operationRoutes(instance));
  app.use(resourceRoutes(instance));
  app.use(rollbackRoutes(instance));
  app.use(streamRoutes(instance));

  app.use(
    '/api',
    handle((req, res) =>
      sendError(
        res,
        'NotFound',
        `sandbox: ${req.method} ${req.originalUrl} is not served by the ArgoCD stand-in`,
      ),
    ),
  );
  // Unparseable JSON bodies and other errors Express raises, in ArgoCD's error shape.
  app.use(
    (
      err: any,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err?.type === 'entity.parse.failed')
        sendError(res, 'InvalidArgument', `invalid JSON body: ${err.message}`);
      else
        sendError(res, 'Internal', `sandbox: ${err?.message ?? String(err)}`);
    },
  );
  return app;
}
