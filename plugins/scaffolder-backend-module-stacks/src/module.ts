import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { forgejoClientServiceRef } from '@edp/plugin-forgejo-node';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createStackProvisionAction } from './actions/stackProvision';
import { createArgocdApplicationCreateAction } from './actions/argocdApplicationCreate';
import { createArgocdApplicationWaitAction } from './actions/argocdApplicationWait';
import { createDefaultsResolveAction } from './actions/defaultsResolve';
import { stackPermissions } from './permissions';
import { withAudit } from './audit';

/**
 * Scaffolder actions that apply Kubernetes manifests, create ArgoCD Applications, provision
 * CNOE-format stacks through Forgejo and ArgoCD, and resolve a template's placement defaults.
 *
 * @public
 */
export const scaffolderModuleStacks = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'stacks',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        forgejo: forgejoClientServiceRef,
      },
      async init({
        scaffolder,
        config,
        urlReader,
        permissions,
        permissionsRegistry,
        auditor,
        forgejo,
      }) {
        permissionsRegistry.addPermissions(stackPermissions);
        scaffolder.addActions(
          createKubernetesApplyAction({ config, permissions, auditor }),
          withAudit(
            createStackProvisionAction({
              config,
              urlReader,
              permissions,
              forgejo,
            }),
            auditor,
            {
              eventId: 'stack-provision',
              severityLevel: 'medium',
              meta: input => ({
                stack: input.stack,
                name: input.name ?? null,
                forgejoHost: input.forgejoHost,
                owner: input.owner,
                cluster: input.cluster ?? null,
              }),
            },
          ),
          createArgocdApplicationCreateAction({
            config,
            permissions,
            auditor,
          }),
          createArgocdApplicationWaitAction({ config, permissions }),
          createDefaultsResolveAction({ config }),
        );
      },
    });
  },
});
