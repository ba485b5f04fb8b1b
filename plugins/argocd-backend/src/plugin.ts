import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ARGOCD_PLUGIN_ID, argocdPermissions } from '@edp/plugin-argocd-common';
import { argocdServiceRef, CommitLinker } from '@edp/plugin-argocd-node';
import { createRouter } from './router';
import { EntityAccess } from '@edp/plugin-edp-cache-node';
import { EntityApplications } from './services/EntityApplications';
import { Presenter } from './services/present';

/**
 * The EDP ArgoCD backend (`/api/edp-argocd`): entity overview and history from every configured
 * instance, plus permission-gated sync and refresh.
 * @public
 */
export const argocdBackendPlugin = createBackendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        argocd: argocdServiceRef,
      },
      async init({
        config,
        logger,
        auditor,
        auth,
        httpAuth,
        httpRouter,
        userInfo,
        permissions,
        permissionsRegistry,
        catalog,
        argocd,
      }) {
        permissionsRegistry.addPermissions(argocdPermissions);
        const presenter = new Presenter(CommitLinker.fromConfig(config));
        httpRouter.use(
          await createRouter({
            logger,
            auditor,
            auth,
            httpAuth,
            userInfo,
            argocd,
            presenter,
            access: new EntityAccess(catalog, permissions),
            applications: new EntityApplications(argocd, presenter),
          }),
        );
      },
    });
  },
});
