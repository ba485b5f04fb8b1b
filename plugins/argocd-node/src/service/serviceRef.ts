import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readArgoCDCacheSettings, readArgoCDInstances } from '../config';
import { DefaultArgoCDService, type ArgoCDService } from './ArgoCDService';

/**
 * The ArgoCD service. Plugin-scoped, so that its answers live in the plugin's CacheService: in
 * memory for one process, in Redis when several replicas share it (`backend.cache`), so that N
 * replicas cost the upstream calls of one.
 * @public
 */
export const argocdServiceRef = createServiceRef<ArgoCDService>({
  id: 'edp.argocd.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
      },
      factory({ config, logger, cache }) {
        const instances = readArgoCDInstances(config);
        logger.info(
          `ArgoCD instances: ${
            instances.length
              ? instances
                  .map(
                    i =>
                      `${i.name} (${i.url}, ${i.auth.type} auth, timeout ${i.timeoutMs} ms)`,
                  )
                  .join(', ')
              : 'none configured'
          }`,
        );
        const argocd = new DefaultArgoCDService(
          instances,
          readArgoCDCacheSettings(config),
          cache,
        );
        // Sessions are opened at start, not by the first user's page view.
        argocd.warmUp();
        return argocd;
      },
    }),
});

/** Factory of the default ArgoCD service, for backends that list their services explicitly. @public */
export const argocdServiceFactory = createServiceFactory({
  service: argocdServiceRef,
  deps: { config: coreServices.rootConfig, cache: coreServices.cache },
  factory: ({ config, cache }) =>
    new DefaultArgoCDService(
      readArgoCDInstances(config),
      readArgoCDCacheSettings(config),
      cache,
    ),
});
