import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { forgejoClientServiceRef } from '@edp/plugin-forgejo-node';
import { createPublishForgejoAction } from './actions/publishForgejo';
import { forgejoRepositoryPublishPermission } from './permissions';

/**
 * Adds `publish:forgejo` to the scaffolder. Hosts and credentials come from `integrations.gitea`;
 * the permission `forgejo.repository.publish` decides who may use them.
 * @public
 */
export const scaffolderModuleForgejo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'forgejo',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        forgejo: forgejoClientServiceRef,
      },
      async init({
        scaffolder,
        config,
        permissions,
        permissionsRegistry,
        auditor,
        forgejo,
      }) {
        permissionsRegistry.addPermissions([
          forgejoRepositoryPublishPermission,
        ]);
        scaffolder.addActions(
          createPublishForgejoAction({
            integrations: ScmIntegrations.fromConfig(config),
            client: forgejo,
            permissions,
            auditor,
          }),
        );
      },
    });
  },
});
