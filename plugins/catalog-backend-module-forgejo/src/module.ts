import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { forgejoClientServiceRef } from '@edp/plugin-forgejo-node';
import { ForgejoEntityProvider } from './ForgejoEntityProvider';

/**
 * Adds one entity provider per `catalog.providers.forgejo.<id>` entry.
 * @public
 */
export const catalogModuleForgejoDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'forgejo-discovery',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        forgejo: forgejoClientServiceRef,
      },
      async init({ catalog, config, database, logger, scheduler, forgejo }) {
        catalog.addEntityProvider(
          ForgejoEntityProvider.fromConfig(config, {
            client: forgejo,
            logger,
            scheduler,
            database,
          }),
        );
      },
    });
  },
});
