import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
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
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { resourceRoutes } from './routes/resourceRoutes';
import { rollbackRoute } from './routes/rollbackRoute';
import type { EntityAccess } from './services/entityAccess';
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

const ENTITY = '/entity/:kind/:namespace/:name';

const entityRefOf = (req: Request) => ({
  kind: req.params.kind,
  namespace: req.params.namespace,
  name: req.params.name,
});

const oldest = (times: number[]) =>
  new Date(times.length ? Math.min(...times) : Date.now()).toISOString();

/**
 * Routes of the `edp-argocd` backend. Every route reads the entity with the caller's credentials and
 * checks `argocd.application.read` on it; sync and refresh also check `argocd.application.sync`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    logger,
    auditor,
    auth,
    httpAuth,
    userInfo,
    access,
    applications,
    presenter,
    argocd,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(resourceRoutes({ httpAuth, access, applications, argocd }));
  router.use(
    rollbackRoute({ httpAuth, auditor, access, applications, argocd }),
  );

  router.get(`${ENTITY}/overview`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      entity,
      allowed: [canSync],
    } = await access.require(
      entityRefOf(req),
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

  router.get(`${ENTITY}/history`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const {
      entity,
      allowed: [canRollback],
    } = await access.require(
      entityRefOf(req),
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

  router.post(`${ENTITY}/history/metadata`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { entity } = await access.require(
      entityRefOf(req),
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
      `${ENTITY}/applications/:instance/:app/${action}`,
      async (req, res) => {
        const credentials = await httpAuth.credentials(req);
        const {
          entity,
          allowed: [mayAct],
        } = await access.require(
          entityRefOf(req),
          argocdApplicationReadPermission,
          credentials,
          [argocdApplicationSyncPermission],
        );
        const actor = await actorOf(credentials);
        const namespace =
          typeof req.query.namespace === 'string'
            ? req.query.namespace
            : undefined;
        const audit = (outcome: string, extra: Record<string, unknown> = {}) =>
          logger.info(
            `AUDIT argocd.${action} by ${actor} on ${req.params.instance}/${req.params.app}: ${outcome}`,
            {
              audit: true,
              action: `argocd.application.${action}`,
              actor,
              entity: stringifyEntityRef(entity),
              instance: req.params.instance,
              app: req.params.app,
              namespace,
              outcome,
              ...extra,
            },
          );
        if (!mayAct) {
          audit('denied');
          throw new NotAllowedError(
            `You are not allowed to sync or refresh the ArgoCD applications of ${stringifyEntityRef(
              entity,
            )} (argocd.application.sync)`,
          );
        }
        const located = await applications
          .locate(entity, req.params.instance, req.params.app, namespace)
          .catch(error => {
            audit('refused', { error: (error as Error).message });
            throw error;
          });
        try {
          const app = await argocd[actions[action]](
            located.instance.name,
            req.params.app,
            located.app.metadata?.namespace,
          );
          audit('requested');
          const body: ArgoCDActionResponse = {
            instance: located.instance.name,
            app: req.params.app,
            action,
            operationPhase: app.status?.operationState?.phase,
          };
          return res.status(202).json(body);
        } catch (error) {
          const message = (error as Error).message;
          audit('failed', { error: message });
          if ((error as { reason?: string }).reason === 'not-found')
            throw new NotFoundError(message);
          throw new ServiceUnavailableError(message);
        }
      },
    );
  }

  async function actorOf(credentials: BackstageCredentials): Promise<string> {
    if (auth.isPrincipal(credentials, 'user')) {
      return (await userInfo.getUserInfo(credentials)).userEntityRef;
    }
    if (auth.isPrincipal(credentials, 'service'))
      return credentials.principal.subject;
    return 'unknown';
  }

  return router;
}
