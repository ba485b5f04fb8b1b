import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { requireInitiatorPermission } from '@edp/plugin-scaffolder-edp-node';
import { findCluster } from '../kubernetes/clusterConfig';
import { KubeClient } from '../kubernetes/KubeClient';
import { argocdApplicationStatusReadPermission } from '../permissions';
import {
  ApplicationWaitError,
  waitForApplications,
} from '../stacks/waitForApplications';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { examples } from './argocdApplicationWait.examples';

/** `edp:argocd:application:wait`: wait until Applications are Synced and Healthy. */
export function createArgocdApplicationWaitAction(options: {
  config: Config;
  permissions: PermissionsService;
}) {
  return createTemplateAction({
    id: 'edp:argocd:application:wait',
    description:
      "Waits until ArgoCD Applications are Synced and Healthy, logging each state change with ArgoCD's newest condition and a progress line every few seconds; fails early, quoting ArgoCD, when an Application stays in error (ComparisonError, SyncError, failed sync) for the grace period, else at the timeout with the state reached.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: inputs.cluster,
        name: z =>
          z.string({ description: 'Application to wait for.' }).optional(),
        names: z =>
          z
            .array(z.string(), {
              description: 'Several Applications to wait for.',
            })
            .optional(),
        argocdNamespace: z =>
          z
            .string({
              description: 'Namespace of the Applications (default "argocd").',
            })
            .optional(),
        timeoutSeconds: z => inputs.timeoutSeconds(z, 300),
        failureGraceSeconds: inputs.failureGraceSeconds,
        reportIntervalSeconds: inputs.reportIntervalSeconds,
      },
      output: {
        applications: outputs.applicationStates,
      },
    },
    async handler(ctx) {
      const names = [
        ...(ctx.input.name ? [ctx.input.name] : []),
        ...(ctx.input.names ?? []),
      ];
      if (names.length === 0)
        throw new InputError(
          'Give the Application to wait for in "name" or "names"',
        );
      const namespace = ctx.input.argocdNamespace ?? 'argocd';
      // It reads with the cluster's credentials: checked for the initiator, dry-runs included.
      await requireInitiatorPermission(
        options.permissions,
        await ctx.getInitiatorCredentials(),
        argocdApplicationStatusReadPermission,
        'read the status of ArgoCD Applications',
      );
      if (ctx.isDryRun) {
        ctx.logger.info(`Would wait for ${names.join(', ')} (dry run)`);
        ctx.output(
          'applications',
          names.map(name => ({
            name,
            namespace,
            sync: 'Unknown',
            health: 'Unknown',
          })),
        );
        return;
      }
      const client = KubeClient.fromCluster(
        findCluster(options.config, ctx.input.cluster),
        ctx.signal,
      );
      try {
        const results = await waitForApplications(
          client,
          names.map(name => ({ name, namespace })),
          {
            timeoutMs: (ctx.input.timeoutSeconds ?? 300) * 1000,
            failureGraceMs: (ctx.input.failureGraceSeconds ?? 30) * 1000,
            reportIntervalMs: (ctx.input.reportIntervalSeconds ?? 5) * 1000,
            logger: ctx.logger,
            signal: ctx.signal,
          },
        );
        ctx.output('applications', results);
      } catch (e) {
        if (e instanceof ApplicationWaitError)
          ctx.output('applications', e.reached);
        throw e;
      }
    },
  });
}
