import {
  mockServices,
  startTestBackend,
  type ServiceMock,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogEntity,
  permissionsDenying,
} from '@edp/plugin-edp-cache-node/testUtils';
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { argocdBackendPlugin } from '../plugin';

export function component(
  name: string,
  annotations: Record<string, string>,
): Entity {
  const spec = { type: 'service', owner: 'team', lifecycle: 'production' };
  return catalogEntity({ kind: 'Component', name, annotations, spec });
}

export interface TestBackendOptions {
  entities: Entity[];
  instances: JsonObject[];
  /** Decisions by permission name; ALLOW when absent. */
  deny?: string[];
  logger?: ServiceMock<LoggerService>;
  auditor?: ServiceMock<AuditorService>;
  extraConfig?: JsonObject;
}

/** Starts the plugin in a test backend with a fake catalog, config and permission decisions. */
export async function startArgoCDBackend(options: TestBackendOptions) {
  return startTestBackend({
    features: [
      argocdBackendPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            gitea: [
              { host: '127.0.0.1:7101', baseUrl: 'http://127.0.0.1:7101' },
            ],
          },
          argocd: {
            appLocatorMethods: [
              { type: 'config', instances: options.instances },
            ],
          },
          ...options.extraConfig,
        },
      }),
      permissionsDenying(options.deny).factory,
      ...(options.logger ? [options.logger.factory] : []),
      ...(options.auditor ? [options.auditor.factory] : []),
    ],
  });
}
