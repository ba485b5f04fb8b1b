import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { forgejoPermissions } from '@edp/plugin-forgejo-common';
import {
  forgejoClientServiceRef,
  forgejoEntityPermissionResourceRef,
  forgejoEntityRules,
} from '@edp/plugin-forgejo-node';
import { createRouter } from './router';
import { cacheStoreIsShared, UpstreamCache } from '@edp/plugin-edp-cache-node';
import { ForgejoCards } from './services/ForgejoCards';
import { createForgejoEntityLoader } from './permissions';

/** Default time a card answer is reused. */
const DEFAULT_CACHE_TTL_MS = 60_000;

/**
 * The forgejo backend plugin: entity card data for Forgejo repositories, and starting a workflow
 * from the CI card (forgejo.workflow.dispatch).
 * @public
 */
export const forgejoBackendPlugin = createBackendPlugin({
  pluginId: 'forgejo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        client: forgejoClientServiceRef,
      },
      async init(deps) {
        const {
          config,
          logger,
          httpRouter,
          httpAuth,
          auth,
          auditor,
          permissions,
          permissionsRegistry,
          cache,
          catalog,
          client,
        } = deps;
        permissionsRegistry.addPermissions(forgejoPermissions);
        const ttlMs = config.has('forgejo.cacheTtl')
          ? durationToMilliseconds(
              readDurationFromConfig(config, { key: 'forgejo.cacheTtl' }),
            )
          : DEFAULT_CACHE_TTL_MS;
        const cards = new ForgejoCards(
          client,
          new UpstreamCache(cache, {
            ttlMs,
            sharedStore: cacheStoreIsShared(config),
          }),
        );
        // Policies may answer forgejo.repository.read conditionally (public repository, entity owner):
        // the permission backend then asks this plugin to apply the rules to the entity.
        permissionsRegistry.addResourceType({
          resourceRef: forgejoEntityPermissionResourceRef,
          permissions: forgejoPermissions,
          rules: Object.values(forgejoEntityRules),
          getResources: createForgejoEntityLoader({
            catalog,
            auth,
            client,
            cards,
            logger,
          }),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            catalog,
            client,
            cards,
            logger,
          }),
        );
        logger.info(
          `Forgejo cards for ${
            client.hosts.list().join(', ') ||
            'no hosts (add integrations.gitea)'
          }; cache ttl ${ttlMs} ms`,
        );
      },
    });
  },
});
