import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { deprecatedActionAlias } from '@edp/plugin-scaffolder-edp-node';
import { readTerraformRunConfig } from '@edp/plugin-terraform-node';
import { createTerraformRunAction } from './actions/run';
import { createTerraformFetchModuleAction } from './actions/fetchModule';
import { terraformPermissions } from './permissions';
import { DatabaseApprovalLedger } from './state/approvals';

/**
 * Adds `edp:terraform:run` and `edp:terraform:module:fetch` to the scaffolder (and, until the next
 * release, `edp:terraform:fetchModule`, its former id, which logs a deprecation warning) and registers
 * the terraform.run.* permissions with the scaffolder plugin's permission registry, so policies and
 * the permission UI see them.
 * @public
 */
export const scaffolderModuleTerraform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'terraform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
      },
      async init({
        scaffolder,
        config,
        permissions,
        permissionsRegistry,
        database,
        auditor,
        logger,
      }) {
        permissionsRegistry.addPermissions(terraformPermissions);
        const runConfig = readTerraformRunConfig(config);
        const fetchModule = createTerraformFetchModuleAction({
          config: runConfig,
        });
        scaffolder.addActions(
          createTerraformRunAction({
            config: runConfig,
            permissions,
            approvals: new DatabaseApprovalLedger(database),
            auditor,
          }),
          fetchModule,
          deprecatedActionAlias(fetchModule, 'edp:terraform:fetchModule', {
            logger,
          }),
        );
      },
    });
  },
});
