import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { readArgoCDCacheSettings, readArgoCDInstances } from '../config';
import { DefaultArgoCDService, type ArgoCDService } from './ArgoCDService';

/**
 * The ArgoCD service. Root-scoped, so the backend plugin and the scaffolder actions share one set of
 * session tokens and one cache.
 * @public
 */
export const argocdServiceRef = createServiceRef<ArgoCDService>({
  id: 'edp.argocd.service',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory({ config, logger }) {
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
  deps: { config: coreServices.rootConfig },
  factory: ({ config }) =>
    new DefaultArgoCDService(
      readArgoCDInstances(config),
      readArgoCDCacheSettings(config),
    ),
});
