import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  TERRAFORM_PLUGIN_ID,
  terraformPermissions,
} from '@edp/plugin-terraform-common';
import { readTerraformRunConfig } from '@edp/plugin-terraform-node';
import {
  cacheStoreIsShared,
  EntityAccess,
  UpstreamCache,
} from '@edp/plugin-edp-cache-node';
import {
  cliDriftRunner,
  DriftChecks,
  type DriftRunner,
} from './drift/DriftChecks';
import { createRouter } from './router';
import {
  configuredStores,
  EntityStates,
  type StoreFactory,
} from './services/EntityStates';

const DRIFT_KEY = 'edp.terraform.driftCheck';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

function driftSettings(config: Config) {
  const drift = config.getOptionalConfig(DRIFT_KEY);
  return {
    enabled: drift?.getOptionalBoolean('enabled') ?? true,
    schedule: drift?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          drift.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    concurrency: Math.max(1, drift?.getOptionalNumber('concurrency') ?? 2),
    timeoutMs: (drift?.getOptionalNumber('timeoutSeconds') ?? 300) * 1000,
  };
}

/** Test seams: the cluster stores and the CLI runner. */
export interface TerraformBackendOverrides {
  stores?: StoreFactory;
  runDrift?: DriftRunner;
}

/** Builds the plugin; tests replace the cluster access and the CLI. */
export function createTerraformBackendPlugin(
  overrides: TerraformBackendOverrides = {},
) {
  return createBackendPlugin({
    pluginId: TERRAFORM_PLUGIN_ID,
    register(env) {
      env.registerInit({
        deps: {
          // The routes: who asks, what they may see, and the audit trail.
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auditor: coreServices.auditor,
          permissionsRegistry: coreServices.permissionsRegistry,
          permissions: coreServices.permissions,
          catalog: catalogServiceRef,
          // The state reads and the scheduled drift check, which acts as the plugin itself.
          config: coreServices.rootConfig,
          cache: coreServices.cache,
          scheduler: coreServices.scheduler,
          auth: coreServices.auth,
          logger: coreServices.logger,
        },
        async init({
          httpRouter,
          httpAuth,
          auditor,
          permissionsRegistry,
          permissions,
          catalog,
          config,
          cache,
          scheduler,
          auth,
          logger,
        }) {
          permissionsRegistry.addPermissions(terraformPermissions);
          const settings = driftSettings(config);
          const cacheSeconds =
            config.getOptionalNumber('edp.terraform.cacheSeconds') ?? 10;
          const states = new EntityStates(
            overrides.stores ?? configuredStores(config),
            new UpstreamCache(cache, {
              ttlMs: cacheSeconds * 1000,
              sharedStore: cacheStoreIsShared(config),
            }),
          );
          const drift = new DriftChecks({
            states,
            run:
              overrides.runDrift ??
              cliDriftRunner(
                config,
                readTerraformRunConfig(config),
                logger,
                settings.timeoutMs,
              ),
            catalog,
            auth,
            logger,
            concurrency: settings.concurrency,
          });
          if (settings.enabled) {
            // A global task: with several replicas, one of them runs each round.
            await scheduler.scheduleTask({
              id: 'terraform-drift-check',
              ...settings.schedule,
              // After the config: its schedule reader sets scope (undefined) too.
              scope: 'global',
              fn: async signal => {
                const counts = await drift.checkAll(signal as AbortSignal);
                logger.info(`Terraform drift check: ${JSON.stringify(counts)}`);
              },
            });
          }
          httpRouter.use(
            await createRouter({
              auditor,
              httpAuth,
              access: new EntityAccess(catalog, permissions),
              states,
              drift,
            }),
          );
        },
      });
    },
  });
}

/**
 * The EDP Terraform backend (`/api/edp-terraform`): the Terraform card's state view and the
 * scheduled drift check of every entity annotated with edp.io/terraform-state.
 * @public
 */
export const terraformBackendPlugin = createTerraformBackendPlugin();
