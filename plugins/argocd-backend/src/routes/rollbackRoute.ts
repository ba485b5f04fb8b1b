import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  argocdApplicationReadPermission,
  argocdApplicationRollbackPermission,
  type ArgoCDRollbackRequest,
  type ArgoCDRollbackResponse,
} from '@edp/plugin-argocd-common';
import type { ArgoCDService } from '@edp/plugin-argocd-node';
import Router from 'express-promise-router';
import type { EntityAccess } from '@edp/plugin-edp-cache-node';
import type { EntityApplications } from '../services/EntityApplications';
import { automatedSyncOn } from '../services/present';
import { APPLICATION } from './resourceRoutes';

/** What the rollback route needs. */
export interface RollbackRouteOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: EntityAccess;
  applications: EntityApplications;
  argocd: ArgoCDService;
}

/** Validates the body; every problem names the field and what it should be. */
export function parseRollbackRequest(body: unknown): ArgoCDRollbackRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.id !== 'number' || !Number.isInteger(b.id) || b.id < 0)
    throw new InputError(
      'id must be the history id (a whole number) of the deployment to roll back to',
    );
  if (typeof b.revision !== 'string' || b.revision === '')
    throw new InputError(
      'revision must be the revision of that deployment, as the confirmation showed it',
    );
  if (
    b.disableAutomatedSync !== undefined &&
    typeof b.disableAutomatedSync !== 'boolean'
  )
    throw new InputError('disableAutomatedSync must be true or false');
  return {
    id: b.id,
    revision: b.revision,
    disableAutomatedSync: b.disableAutomatedSync === true,
  };
}

/**
 * `POST .../applications/:instance/:app/rollback`: redeploys an earlier deployment of one of the
 * entity's applications. Checks `argocd.application.rollback` with the caller's credentials,
 * refuses (409) while automated sync is on unless the caller asked to turn it off, as ArgoCD does,
 * and records every attempt with the auditor.
 */
export function rollbackRoute(options: RollbackRouteOptions) {
  const { httpAuth, auditor, access, applications, argocd } = options;
  const router = Router();

  router.post(`${APPLICATION}/rollback`, async (req, res) => {
    const { instance, app } = req.params;
    const namespace =
      typeof req.query.namespace === 'string' ? req.query.namespace : undefined;
    const audit = await auditor.createEvent({
      eventId: 'argocd-application-rollback',
      severityLevel: 'high',
      request: req,
      meta: { instance, app, ...(namespace ? { namespace } : {}) },
    });
    try {
      const credentials = await httpAuth.credentials(req);
      const {
        entity,
        allowed: [mayRollback],
      } = await access.require(
        {
          kind: req.params.kind,
          namespace: req.params.namespace,
          name: req.params.name,
        },
        argocdApplicationReadPermission,
        credentials,
        [argocdApplicationRollbackPermission],
      );
      if (!mayRollback) {
        throw new NotAllowedError(
          `You are not allowed to roll back the ArgoCD applications of ${stringifyEntityRef(
            entity,
          )} (argocd.application.rollback)`,
        );
      }
      const request = parseRollbackRequest(req.body);
      const located = await applications.locate(
        entity,
        instance,
        app,
        namespace,
      );
      const entry = located.app.status?.history?.find(h => h.id === request.id);
      if (!entry) {
        throw new InputError(
          `Deployment ${request.id} is not in the history of "${app}" on "${instance}"; reload the history`,
        );
      }
      const revision = entry.revision ?? entry.revisions?.[0];
      if (revision !== request.revision) {
        throw new InputError(
          `Deployment ${request.id} of "${app}" deployed ${revision}, not ${request.revision}; reload the history`,
        );
      }
      const automated = automatedSyncOn(located.app);
      if (automated && !request.disableAutomatedSync) {
        throw new ConflictError(
          `"${app}" syncs automatically, so ArgoCD refuses a rollback; turn automated sync off in the same dialog to roll back`,
        );
      }
      let updated;
      try {
        updated = await argocd.rollbackApplication(
          located.instance.name,
          app,
          request.id,
          {
            appNamespace: located.app.metadata?.namespace,
            disableAutomatedSync: automated,
          },
        );
      } catch (error) {
        const message = (error as Error).message;
        if ((error as { reason?: string }).reason === 'not-found')
          throw new NotFoundError(message);
        throw new ServiceUnavailableError(message);
      }
      const body: ArgoCDRollbackResponse = {
        instance: located.instance.name,
        app,
        id: request.id,
        revision: request.revision,
        automatedSyncDisabled: automated,
        operationPhase: updated.status?.operationState?.phase,
      };
      await audit.success({
        meta: {
          entity: stringifyEntityRef(entity),
          id: request.id,
          revision: request.revision,
          automatedSyncDisabled: automated,
        },
      });
      res.status(202).json(body);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
