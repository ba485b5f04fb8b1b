import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { requireInitiatorPermission } from '@edp/plugin-scaffolder-edp-node';
import { audited } from '../audit';
import { findCluster } from '../kubernetes/clusterConfig';
import { KubeClient } from '../kubernetes/KubeClient';
import { applyManifests } from '../kubernetes/applyManifests';
import { NamespaceAllowlist, privilegedReason } from '../kubernetes/applyGate';
import { DNS_LABEL, requireNamespaceName } from '../kubernetes/names';
import { waitUntilReady } from '../kubernetes/waitUntilReady';
import {
  kubernetesApplyPermission,
  kubernetesApplyPrivilegedPermission,
} from '../permissions';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { examples } from './kubernetesApply.examples';
import { readManifestInput } from './kubernetesApplyInput';

/** `edp:kubernetes:apply`: server-side apply of manifests to a configured cluster. */
export function createKubernetesApplyAction(options: {
  config: Config;
  permissions: PermissionsService;
  auditor: AuditorService;
}) {
  const allowlist = NamespaceAllowlist.fromConfig(options.config);
  return createTemplateAction({
    id: 'edp:kubernetes:apply',
    description:
      'Applies Kubernetes manifests with server-side apply (field manager "edp-orchestrator") to a cluster of kubernetes.clusterLocatorMethods, and optionally waits until they are ready.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: inputs.cluster,
        manifests: inputs.manifests,
        manifestPath: z =>
          z
            .string({
              description:
                'Path of a YAML file in the task workspace (instead of "manifests").',
            })
            .optional(),
        namespace: z =>
          z
            .string({
              description:
                'Namespace for namespaced objects that do not name one (default "default").',
            })
            .regex(DNS_LABEL, 'must be a namespace name (DNS label)')
            .optional(),
        createNamespace: z =>
          z
            .boolean({
              description:
                'Create the namespaces of the objects when they do not exist.',
            })
            .optional(),
        force: inputs.force,
        wait: z =>
          z
            .boolean({
              description:
                'Wait until Deployments are Available, Jobs Complete and ArgoCD Applications Synced and Healthy.',
            })
            .optional(),
        timeoutSeconds: z => inputs.timeoutSeconds(z, 300),
      },
      output: {
        applied: outputs.appliedObjects,
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = Boolean(ctx.isDryRun);
      await audited(
        options.auditor,
        {
          eventId: 'kubernetes-apply',
          severityLevel: 'medium',
          credentials,
          dryRun,
          meta: {
            cluster: input.cluster ?? null,
            taskId: ctx.task.id,
            template: ctx.templateInfo?.entityRef ?? null,
          },
        },
        async () => {
          await requireInitiatorPermission(
            options.permissions,
            credentials,
            kubernetesApplyPermission,
            'apply Kubernetes manifests',
          );
          const manifests = await readManifestInput(
            input as Parameters<typeof readManifestInput>[0],
            ctx.workspacePath,
          );
          if (input.namespace !== undefined)
            requireNamespaceName(input.namespace, 'Input "namespace"');

          const cluster = findCluster(options.config, input.cluster);
          const client = KubeClient.fromCluster(cluster, ctx.signal);
          ctx.logger.info(
            `Applying ${manifests.length} object(s) to cluster "${
              cluster.name
            }"${dryRun ? ' (dry run: dryRun=All)' : ''}`,
          );
          const result = await applyManifests(client, manifests, {
            namespace: input.namespace,
            createNamespace: input.createNamespace,
            force: input.force,
            dryRun,
            logger: ctx.logger,
            signal: ctx.signal,
            // Decided on the resolved objects, whatever the template says about them.
            beforeChange: async normalised => {
              const reasons = normalised
                .map(m => privilegedReason(m, allowlist))
                .filter((r): r is string => r !== undefined);
              if (reasons.length === 0) return;
              await requireInitiatorPermission(
                options.permissions,
                credentials,
                kubernetesApplyPrivilegedPermission,
                `apply ${reasons.slice(0, 3).join(', ')}${
                  reasons.length > 3 ? ` and ${reasons.length - 3} more` : ''
                }`,
              );
            },
          });
          ctx.output('applied', result.applied);

          if (input.wait && !dryRun) {
            await waitUntilReady(client, result.normalised, {
              timeoutMs: (input.timeoutSeconds ?? 300) * 1000,
              signal: ctx.signal,
              onChange: (what, readiness) =>
                ctx.logger.info(`${what}: ${readiness.state}`),
            });
            ctx.logger.info('All objects are ready');
          }
          return { cluster: cluster.name, applied: result.applied };
        },
        ({ cluster, applied }) => ({
          cluster,
          objects: applied.map(
            a =>
              `${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name} ${
                a.action
              }`,
          ),
        }),
      );
    },
  });
}
