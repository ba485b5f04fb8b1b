import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ForgejoClient } from './ForgejoClient';

/**
 * The shared Forgejo client. Root-scoped so the forgejo backend and the scaffolder actions share one
 * capability cache and one concurrency limit per host.
 * @public
 */
export const forgejoClientServiceRef = createServiceRef<ForgejoClient>({
  id: 'edp.forgejo.client',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        ForgejoClient.fromConfig(config, {
          logger: logger.child({ service: 'forgejo-client' }),
        }),
    }),
});
