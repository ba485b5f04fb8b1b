import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { EdpPermissionPolicy } from './EdpPermissionPolicy';
import { PRIVILEGED_GROUPS_KEY } from './policyConfig';

/**
 * Installs {@link EdpPermissionPolicy} as the portal's permission policy.
 *
 * @public
 */
export const permissionModuleEdpPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'edp-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const edpPolicy = EdpPermissionPolicy.fromConfig(config);
        if (edpPolicy.groups.length === 0) {
          logger.warn(
            `${PRIVILEGED_GROUPS_KEY} is empty: nobody may use the Kubernetes proxy, register locations or run the EDP plugins' mutating actions`,
          );
        }
        policy.setPolicy(edpPolicy);
      },
    });
  },
});
