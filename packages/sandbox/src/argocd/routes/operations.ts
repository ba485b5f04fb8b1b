import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { queryValue, toApiApplication } from '../query';
import type { Operation } from '../types';
import { validateSync } from '../validation';
import {
  readVisibleApplication,
  readWritableApplication,
} from './applications';
import { handle, principalOf } from './handle';

/** POST /api/v1/applications/{name}/sync and GET .../revisions/{revision}/metadata. */
export function operationRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  router.post(
    '/api/v1/applications/:name/sync',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const body = (req.body ?? {}) as Record<string, any>;
      const namespace =
        typeof body.appNamespace === 'string' && body.appNamespace
          ? body.appNamespace
          : queryValue(req, 'appNamespace');
      const app = await readWritableApplication(
        instance,
        principal,
        req.params.name,
        namespace,
        'sync',
      );
      // A project may have been narrowed (or deleted) since the app was created.
      await validateSync(instance, app);
      if (body.revision !== undefined && typeof body.revision !== 'string') {
        throw new ArgoError(
          'InvalidArgument',
          'revision must be a string (a branch, tag or commit SHA)',
        );
      }
      const operation: Operation = {
        sync: {
          ...(body.revision ? { revision: body.revision } : {}),
          ...(body.prune ? { prune: true } : {}),
          ...(body.dryRun ? { dryRun: true } : {}),
          ...(Array.isArray(body.syncOptions?.items)
            ? { syncOptions: body.syncOptions.items }
            : {}),
          ...(Array.isArray(body.resources)
            ? { resources: body.resources }
            : {}),
        },
        initiatedBy: { username: principal.username },
        ...(Array.isArray(body.infos) ? { info: body.infos } : {}),
      };
      const updated = await instance.mutate(
        app.metadata.name,
        app.metadata.namespace,
        current => {
          if (
            current.operation ||
            current.status?.operationState?.phase === 'Running'
          ) {
            throw new ArgoError(
              'FailedPrecondition',
              'another operation is already in progress',
            );
          }
          current.operation = operation;
          return current;
        },
      );
      res.json(toApiApplication(updated));
    }),
  );

  router.get(
    '/api/v1/applications/:name/revisions/:revision/metadata',
    handle(async (req, res) => {
      const app = await readVisibleApplication(
        instance,
        principalOf(res),
        req.params.name,
        queryValue(req, 'appNamespace'),
      );
      const metadata = await instance.revisionMetadata(
        app,
        req.params.revision,
      );
      if (!metadata) {
        const repo =
          app.spec.source?.repoURL ??
          app.spec.sources?.[0]?.repoURL ??
          'the application source';
        throw new ArgoError(
          'NotFound',
          `revision ${req.params.revision} not found in ${repo}`,
        );
      }
      const { tags, ...rest } = metadata;
      // Go omits empty lists (`omitempty`), so clients must cope with a missing `tags`.
      res.json(tags && tags.length > 0 ? { ...rest, tags } : rest);
    }),
  );

  return router;
}
