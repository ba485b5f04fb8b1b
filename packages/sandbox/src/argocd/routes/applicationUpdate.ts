import { Router } from 'express';
import { ArgoError } from '../errors';
import type { ArgoCdInstance } from '../instance';
import { queryValue, toApiApplication } from '../query';
import type { Application, ApplicationSpec } from '../types';
import { validateApplication } from '../validation';
import { readWritableApplication } from './applications';
import { handle, principalOf } from './handle';

/**
 * PUT /api/v1/applications/{name} (the whole Application: `argocd app edit`) and
 * PUT /api/v1/applications/{name}/spec (`argocd app set`): validated as on create, status kept.
 */
export function applicationUpdateRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  const update = async (
    name: string,
    namespace: string | undefined,
    principal: ReturnType<typeof principalOf>,
    validate: boolean,
    change: (current: Application) => Application,
  ) => {
    const current = await readWritableApplication(
      instance,
      principal,
      name,
      namespace,
      'update',
    );
    const next = change(structuredClone(current));
    if (!next.spec?.destination)
      throw new ArgoError('InvalidArgument', 'spec.destination is required');
    await validateApplication(instance, next, { checkRepository: validate });
    return instance.mutate(name, current.metadata.namespace, latest => ({
      ...latest,
      metadata: {
        ...latest.metadata,
        labels: next.metadata.labels,
        annotations: next.metadata.annotations,
        finalizers: next.metadata.finalizers,
      },
      spec: next.spec,
    }));
  };

  router.put(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      const body = req.body as Application;
      if (!body?.spec || !body.metadata)
        throw new ArgoError(
          'InvalidArgument',
          'application metadata and spec are required',
        );
      if (body.metadata.name && body.metadata.name !== req.params.name)
        throw new ArgoError(
          'InvalidArgument',
          `application name in the body (${body.metadata.name}) does not match the URL (${req.params.name})`,
        );
      const updated = await update(
        req.params.name,
        body.metadata.namespace || queryValue(req, 'appNamespace'),
        principalOf(res),
        queryValue(req, 'validate') !== 'false',
        current => ({
          ...current,
          metadata: { ...current.metadata, ...body.metadata },
          spec: body.spec,
        }),
      );
      res.json(toApiApplication(updated));
    }),
  );

  router.put(
    '/api/v1/applications/:name/spec',
    handle(async (req, res) => {
      const spec = req.body as ApplicationSpec;
      if (!spec || typeof spec !== 'object')
        throw new ArgoError(
          'InvalidArgument',
          'an ApplicationSpec is required',
        );
      const updated = await update(
        req.params.name,
        queryValue(req, 'appNamespace'),
        principalOf(res),
        queryValue(req, 'validate') !== 'false',
        current => ({ ...current, spec }),
      );
      res.json(updated.spec);
    }),
  );

  return router;
}
