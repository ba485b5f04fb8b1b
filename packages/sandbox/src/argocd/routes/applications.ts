import { Router } from 'express';
import { canSeeProject } from '../auth';
import { ArgoError, notFound, permissionDenied } from '../errors';
import { parseFields, projectFields } from '../fields';
import type { ArgoCdInstance } from '../instance';
import {
  matchesQuery,
  parseApplicationQuery,
  queryValue,
  toApiApplication,
} from '../query';
import { normaliseApplication } from '../seeds';
import {
  CONTROL_PLANE_NAMESPACE,
  REFRESH_ANNOTATION,
  type Application,
} from '../types';
import { validateApplication } from '../validation';
import { handle, principalOf } from './handle';

/**
 * Reads an application the principal may see, or throws ArgoCD's error: 404 for a missing app,
 * 403 when the principal may not see its project (or, for principals limited to some projects,
 * when it does not exist, so that existence does not leak, as ArgoCD does).
 */
export async function readVisibleApplication(
  instance: ArgoCdInstance,
  principal: ReturnType<typeof principalOf>,
  name: string,
  namespace: string | undefined,
  action = 'get',
): Promise<Application> {
  const app = await instance.store.get(
    name,
    namespace || CONTROL_PLANE_NAMESPACE,
  );
  if (!app) {
    if (principal.projects)
      throw permissionDenied(
        action,
        principal.projects[0],
        name,
        principal.username,
      );
    throw notFound(name);
  }
  if (!canSeeProject(principal, app.spec.project))
    throw permissionDenied(action, app.spec.project, name, principal.username);
  return app;
}

/**
 * Like readVisibleApplication, for a change: read-only accounts see the application but get ArgoCD's
 * 403 for `action` (`sync`, `update`, `delete`...).
 */
export async function readWritableApplication(
  instance: ArgoCdInstance,
  principal: ReturnType<typeof principalOf>,
  name: string,
  namespace: string | undefined,
  action: string,
): Promise<Application> {
  const app = await readVisibleApplication(
    instance,
    principal,
    name,
    namespace,
    action,
  );
  if (principal.role !== 'admin')
    throw permissionDenied(
      action,
      app.spec.project,
      app.metadata.name,
      principal.username,
    );
  return app;
}

/** GET/POST /api/v1/applications, GET/DELETE /api/v1/applications/{name}. */
export function applicationRoutes(instance: ArgoCdInstance): Router {
  const router = Router();

  router.get(
    '/api/v1/applications',
    handle(async (req, res) => {
      const query = parseApplicationQuery(req);
      const principal = principalOf(res);
      const fields = parseFields(
        req.query.fields as string | string[] | undefined,
      );
      const items = (await instance.store.list())
        .filter(app => matchesQuery(app, query, principal))
        .sort(
          (a, b) =>
            a.metadata.name.localeCompare(b.metadata.name) ||
            String(a.metadata.namespace).localeCompare(
              String(b.metadata.namespace),
            ),
        )
        .map(toApiApplication);
      const resourceVersion = items.reduce(
        (max, a) => Math.max(max, Number(a.metadata.resourceVersion) || 0),
        0,
      );
      res.json(
        projectFields(
          { metadata: { resourceVersion: String(resourceVersion) }, items },
          fields,
        ),
      );
    }),
  );

  router.get(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const namespace = queryValue(req, 'appNamespace');
      const { projects } = parseApplicationQuery(req);
      let app = await readVisibleApplication(
        instance,
        principal,
        req.params.name,
        namespace,
      );
      if (projects.length > 0 && !projects.includes(app.spec.project))
        throw notFound(req.params.name);
      const refresh = queryValue(req, 'refresh');
      if (refresh !== undefined && refresh !== '') {
        if (refresh !== 'normal' && refresh !== 'hard') {
          throw new ArgoError(
            'InvalidArgument',
            `unknown refresh type "${refresh}": use normal or hard`,
          );
        }
        // As ArgoCD's API server does: annotate, then wait (bounded) for the controller to take it off.
        await instance.mutate(
          app.metadata.name,
          app.metadata.namespace,
          current => {
            current.metadata.annotations = {
              ...current.metadata.annotations,
              [REFRESH_ANNOTATION]: refresh,
            };
            return current;
          },
        );
        await instance.waitFor(
          app.metadata.name,
          app.metadata.namespace,
          a => !a.metadata.annotations?.[REFRESH_ANNOTATION],
          instance.global.refreshWaitMs,
        );
        app =
          (await instance.store.get(
            app.metadata.name,
            app.metadata.namespace,
          )) ?? app;
      }
      res.json(toApiApplication(app));
    }),
  );

  router.post(
    '/api/v1/applications',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const body = req.body as Application;
      if (!body?.metadata?.name)
        throw new ArgoError(
          'InvalidArgument',
          'application.metadata.name is required',
        );
      let app: Application;
      try {
        app = normaliseApplication(body, 'application');
      } catch (e) {
        throw new ArgoError('InvalidArgument', (e as Error).message);
      }
      if (
        principal.role !== 'admin' ||
        !canSeeProject(principal, app.spec.project)
      ) {
        throw permissionDenied(
          'create',
          app.spec.project,
          app.metadata.name,
          principal.username,
        );
      }
      await validateApplication(instance, app, {
        checkRepository: queryValue(req, 'validate') !== 'false',
      });
      const existing = await instance.store.get(
        app.metadata.name,
        app.metadata.namespace,
      );
      if (existing && queryValue(req, 'upsert') !== 'true') {
        throw new ArgoError(
          'InvalidArgument',
          `existing application spec is different, use upsert flag to force update`,
        );
      }
      // The API owns metadata and spec; status stays the controller's.
      const stored = await instance.store.upsert({
        ...app,
        status: existing?.status ?? app.status ?? {},
      });
      res.json(toApiApplication(stored));
    }),
  );

  router.delete(
    '/api/v1/applications/:name',
    handle(async (req, res) => {
      const principal = principalOf(res);
      const namespace = queryValue(req, 'appNamespace');
      const app = await readWritableApplication(
        instance,
        principal,
        req.params.name,
        namespace,
        'delete',
      );
      await instance.store.delete(app.metadata.name, app.metadata.namespace);
      res.json({});
    }),
  );

  return router;
}
