import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { toApiApplication } from '../query';
import type { Application } from '../types';
import { readWritableApplication } from './applications';
import { handle, principalOf } from './handle';

/** RFC 7386 JSON merge patch: objects merge, null deletes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const automatedSyncEnabled = (app: Application) => {
  const automated = app.spec.syncPolicy?.automated;
  return !!automated && automated.enabled !== false;
};

/**
 * POST (and the older PUT) /api/v1/applications/{name}/rollback, and PATCH /api/v1/applications/{name}
 * (merge patches), with ArgoCD's rules: a rollback redeploys one history entry's revision and
 * source, and is refused while automated sync is on (it would undo the rollback at once).
 */
export function rollbackRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const rollback = handle(async (req, res) => {
    const principal = principalOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const app = await readWritableApplication(
      instance,
      principal,
      req.params.name,
      typeof body.appNamespace === 'string' ? body.appNamespace : undefined,
      'sync',
    );
    const id = Number(body.id);
    if (body.id === undefined || !Number.isInteger(id)) {
      throw new ArgoError(
        'InvalidArgument',
        'id must be the integer id of a history entry',
      );
    }
    const updated = await instance.mutate(
      app.metadata.name,
      app.metadata.namespace,
      current => {
        if (automatedSyncEnabled(current) && !body.dryRun) {
          throw new ArgoError(
            'FailedPrecondition',
            'rollback cannot be initiated when auto-sync is enabled',
          );
        }
        const entry = current.status?.history?.find(h => h.id === id);
        if (!entry) {
          throw new ArgoError(
            'InvalidArgument',
            `application ${current.metadata.name} does not have deployment with id ${id}`,
          );
        }
        if (!entry.source?.repoURL) {
          throw new ArgoError(
            'FailedPrecondition',
            'cannot rollback to revision deployed with Argo CD v1.4 or lower',
          );
        }
        if (
          current.operation ||
          current.status?.operationState?.phase === 'Running'
        ) {
          throw new ArgoError(
            'FailedPrecondition',
            'another operation is already in progress',
          );
        }
        current.operation = {
          sync: {
            revision: entry.revision,
            source: structuredClone(entry.source),
            ...(body.prune ? { prune: true } : {}),
            ...(body.dryRun ? { dryRun: true } : {}),
          },
          initiatedBy: { username: principal.username },
          info: [{ name: 'Reason', value: `Rollback to deployment ${id}` }],
        };
        return current;
      },
    );
    res.json(toApiApplication(updated));
  });
  router.post('/api/v1/applications/:name/rollback', rollback);
  router.put('/api/v1/applications/:name/rollback', rollback);

  router.patch(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const app = await readWritableApplication(
        instance,
        principal,
        req.params.name,
        typeof body.appNamespace === 'string' ? body.appNamespace : undefined,
        'update',
      );
      const patchType = body.patchType ?? 'merge';
      if (patchType !== 'merge') {
        throw new ArgoError(
          'InvalidArgument',
          `patch type "${String(
            patchType,
          )}" is not supported by the stand-in: use merge`,
        );
      }
      let patch: Record<string, unknown>;
      try {
        patch = JSON.parse(String(body.patch));
      } catch (e) {
        throw new ArgoError(
          'InvalidArgument',
          `patch must be a JSON document: ${(e as Error).message}`,
        );
      }
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
        throw new ArgoError('InvalidArgument', 'patch must be a JSON object');
      const updated = await instance.mutate(
        app.metadata.name,
        app.metadata.namespace,
        current => {
          // Only metadata labels/annotations and spec are the API's to change; status is the controller's.
          const patched = mergePatch(
            { metadata: current.metadata, spec: current.spec },
            { metadata: patch.metadata, spec: patch.spec },
          ) as Pick<Application, 'metadata' | 'spec'>;
          return {
            ...current,
            metadata: {
              ...patched.metadata,
              name: current.metadata.name,
              namespace: current.metadata.namespace,
            },
            spec: patched.spec,
          };
        },
      );
      res.json(toApiApplication(updated));
    }),
  );

  return router;
}
