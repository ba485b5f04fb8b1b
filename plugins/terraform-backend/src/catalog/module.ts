import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { configuredStores } from '../services/EntityStates';
import { TerraformDriftStatusProcessor } from './DriftStatusProcessor';

/**
 * Catalog module: the Terraform drift result as the catalog status `edp.io/terraform-drift` of
 * entities annotated with edp.io/terraform-state.
 * @public
 */
export const catalogModuleTerraformDriftStatus = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'terraform-drift-status',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        catalog.addProcessor(
          new TerraformDriftStatusProcessor(configuredStores(config), logger),
        );
      },
    });
  },
});
