import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  argocdApplicationReadPermission,
  argocdApplicationRollbackPermission,
  argocdApplicationSyncPermission,
  type ArgoCDActionResponse,
  type ArgoCDHistoryResponse,
  type ArgoCDOverviewResponse,
  type ArgoCDRevisionMetadataResponse,
} from '@edp/plugin-argocd-common';
import type { ArgoCDService } from '@edp/plugin-argocd-node';
import express from 'express';
import Router from 'express-promise-router';
import { resourceRoutes } from './routes/resourceRoutes';
import { rollbackRoute } from './routes/rollbackRoute';
import {
  ENTITY_ROUTE_PATH,
  entityRouteRef,
  type EntityAccess,
} from '@edp/plugin-edp-cache-node';
import type { EntityApplications } from './services/EntityApplications';
import { instanceError, type Presenter } from './services/present';
import {
  loadRevisionMetadata,
  METADATA_LIMIT,
  parseRevisionRefs,
  prefetchFirstPage,
} from './services/revisionMetadata';

/** What the router needs; built by the plugin, or by tests. */
export interface RouterOptions {
  logger: LoggerService;
  auditor: AuditorService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  access: EntityAccess;
  applications: EntityApplications;
  presenter: Presenter;
  argocd: ArgoCDService;
}

const oldest = (times: number[]) =>
  new Date(times.length ? Math.min(...times) : Date.now()).toISOString();

/**
 * Routes of the `edp-argocd` backend. Every route reads the entity with the caller's credentials and
 * checks `argocd.application.read` on it; sync and refresh also check `argocd.application.sync`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { auditor, httpAuth, access, applications, presenter, argocd } =
    options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(resourceRoutes({ httpAuth, access, applications, argocd }));
  router.use(
    rollbackRoute({ httpAuth, auditor, access, applications, argocd }),
  );

  router.get(`${ENTITY_ROUTE_PATH}/overview`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      entity,
      allowed: [canSync],
    } = await access.require(
      entityRouteRef(req),
      argocdApplicationReadPermission,
      credentials,
      [argocdApplicationSyncPermission],
    );
    const outcomes = await applications.discover(entity);
    const body: ArgoCDOverviewResponse = {
      rows: applications.overviewRows(outcomes),
      canSync,
      fetchedAt: oldest(outcomes.map(o => o.fetchedAt)),
    };
    res.json(body);
  });

  router.get(`${ENTITY_ROUTE_PATH}/history`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      entity,
      allowed: [canRollback],
    } = await access.require(
      entityRouteRef(req),
      argocdApplicationReadPermission,
      credentials,
      [argocdApplicationRollbackPermission],
    );
    const outcomes = await applications.discover(entity);
    const body: ArgoCDHistoryResponse = {
      applications: outcomes.flatMap(o =>
        o.ok
          ? o.value.map(app =>
              presenter.history(app, applications.info(o.instance)),
            )
          : [],
      ),
      errors: outcomes.flatMap(o => (o.ok ? [] : [instanceError(o.error)])),
      metadataLimit: METADATA_LIMIT,
      canRollback,
      fetchedAt: oldest(outcomes.map(o => o.fetchedAt)),
    };
    res.json(body);
    // The card asks next for the metadata of its first page; start those calls now so its request
    // joins them instead of waiting a second round trip. Only that page is loaded, never the rest.
    prefetchFirstPage(argocd, body.applications, METADATA_LIMIT);
  });

  router.post(`${ENTITY_ROUTE_PATH}/history/metadata`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entity } = await access.require(
      entityRouteRef(req),
      argocdApplicationReadPermission,
      credentials,
    );
    const refs = parseRevisionRefs(req.body);
    const outcomes = await applications.discover(entity);
    const body: ArgoCDRevisionMetadataResponse = {
      revisions: await loadRevisionMetadata(argocd, outcomes, refs),
    };
    res.json(body);
  });

  const actions = {
    sync: 'syncApplication',
    refresh: 'refreshApplication',
  } as const;
  for (const action of ['sync', 'refresh'] as const) {
    router.post(
      `${ENTITY_ROUTE_PATH}/applications/:instance/:app/${action}`,
      async (req, res) => {
        const { instance, app } = req.params;
        const namespace =
          typeof req.query.namespace === 'string'
            ? req.query.namespace
            : undefined;
        const audit = await auditor.createEvent({
          eventId: `argocd-application-${action}`,
          severityLevel: 'medium',
          request: req,
          meta: {
            entity: stringifyEntityRef(entityRouteRef(req)),
            instance,
            app,
            ...(namespace ? { namespace } : {}),
          },
        });
        try {
          const credentials = await httpAuth.credentials(req);
          const {
            entity,
            allowed: [mayAct],
          } = await access.require(
            entityRouteRef(req),
            argocdApplicationReadPermission,
            credentials,
            [argocdApplicationSyncPermission],
          );
          if (!mayAct) {
            throw new NotAllowedError(
              `You are not allowed to sync or refresh the ArgoCD applications of ${stringifyEntityRef(
                entity,
              )} (argocd.application.sync)`,
            );
          }
          const located = await applications.locate(
            entity,
            instance,
            app,
            namespace,
          );
          let result;
          try {
            result = await argocd[actions[action]](
              located.instance.name,
              app,
              located.app.metadata?.namespace,
            );
          } catch (error) {
            const message = (error as Error).message;
            if ((error as { reason?: string }).reason === 'not-found')
              throw new NotFoundError(message);
            throw new ServiceUnavailableError(message);
          }
          const body: ArgoCDActionResponse = {
            instance: located.instance.name,
            app,
            action,
            operationPhase: result.status?.operationState?.phase,
          };
          await audit.success({
            meta: {
              instance: located.instance.name,
              ...(body.operationPhase
                ? { operationPhase: body.operationPhase }
                : {}),
            },
          });
          return res.status(202).json(body);
        } catch (error) {
          await audit.fail({ error: error as Error });
          throw error;
        }
      },
    );
  }

  return router;
}
