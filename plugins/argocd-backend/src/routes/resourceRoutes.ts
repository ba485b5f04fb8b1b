import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { argocdApplicationReadPermission } from '@edp/plugin-argocd-common';
import type { ArgoCDService } from '@edp/plugin-argocd-node';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { EntityAccess } from '@edp/plugin-edp-cache-node';
import type {
  EntityApplications,
  LocatedApplication,
} from '../services/EntityApplications';
import {
  loadApplicationResources,
  loadResourceDiffs,
} from '../services/resourceView';

/** What the resources view's routes need. */
export interface ResourceRoutesOptions {
  httpAuth: HttpAuthService;
  access: EntityAccess;
  applications: EntityApplications;
  argocd: ArgoCDService;
}

/** `/entity/:kind/:namespace/:name/applications/:instance/:app` of the routes below. */
export const APPLICATION =
  '/entity/:kind/:namespace/:name/applications/:instance/:app';

const namespaceOf = (req: Request) =>
  typeof req.query.namespace === 'string' ? req.query.namespace : undefined;

/**
 * The resources view: one application's resources and events when it is opened, and its diffs
 * when one of them is opened. Both read the entity with the caller's credentials, check
 * `argocd.application.read` on it and only serve applications the entity owns.
 */
export function resourceRoutes(options: ResourceRoutesOptions) {
  const { httpAuth, access, applications, argocd } = options;
  const router = Router();

  async function locate(req: Request): Promise<LocatedApplication> {
    const credentials = await httpAuth.credentials(req);
    const { entity } = await access.require(
      {
        kind: req.params.kind,
        namespace: req.params.namespace,
        name: req.params.name,
      },
      argocdApplicationReadPermission,
      credentials,
    );
    return applications.locate(
      entity,
      req.params.instance,
      req.params.app,
      namespaceOf(req),
    );
  }

  router.get(`${APPLICATION}/resources`, async (req, res) => {
    res.json(await loadApplicationResources(argocd, await locate(req)));
  });

  router.get(`${APPLICATION}/diff`, async (req, res) => {
    const located = await locate(req);
    try {
      res.json(await loadResourceDiffs(argocd, located));
    } catch (error) {
      const message = (error as Error).message;
      if ((error as { reason?: string }).reason === 'not-found')
        throw new NotFoundError(message);
      throw new ServiceUnavailableError(message);
    }
  });

  return router;
}
