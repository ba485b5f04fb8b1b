import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPublishForgejoAction } from './actions/publishForgejo';

/**
 * Adds `publish:forgejo` to the scaffolder. Hosts and credentials come from `integrations.gitea`.
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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createPublishForgejoAction({
            integrations: ScmIntegrations.fromConfig(config),
          }),
        );
      },
    });
  },
});
