import fs from 'node:fs/promises';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { findCluster } from '../kubernetes/clusterConfig';
import { KubeClient } from '../kubernetes/KubeClient';
import { applyManifests } from '../kubernetes/applyManifests';
import { manifestsFromInput, parseManifests } from '../kubernetes/manifests';
import { waitUntilReady } from '../kubernetes/waitUntilReady';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { examples } from './kubernetesApply.examples';

/** `edp:kubernetes:apply`: server-side apply of manifests to a configured cluster. */
export function createKubernetesApplyAction(options: { config: Config }) {
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
      if (
        (input.manifests === undefined) ===
        (input.manifestPath === undefined)
      ) {
        throw new InputError(
          'Give exactly one of the inputs "manifests" (YAML text or objects) and "manifestPath" (a file in the workspace)',
        );
      }
      let manifests;
      if (input.manifestPath !== undefined) {
        const file = resolveSafeChildPath(
          ctx.workspacePath,
          input.manifestPath,
        );
        const text = await fs.readFile(file, 'utf8').catch(e => {
          throw new InputError(
            `Input "manifestPath": cannot read ${input.manifestPath}: ${
              e.code ?? e.message
            }`,
          );
        });
        manifests = parseManifests(text, { label: input.manifestPath });
      } else {
        manifests = manifestsFromInput(input.manifests as any, {
          label: 'input "manifests"',
        });
      }
      if (manifests.length === 0) {
        throw new InputError('The manifests contain no object to apply');
      }

      const cluster = findCluster(options.config, input.cluster);
      const client = KubeClient.fromCluster(cluster, ctx.signal);
      ctx.logger.info(
        `Applying ${manifests.length} object(s) to cluster "${cluster.name}"${
          ctx.isDryRun ? ' (dry run: dryRun=All)' : ''
        }`,
      );
      const { applied, normalised } = await applyManifests(client, manifests, {
        namespace: input.namespace,
        createNamespace: input.createNamespace,
        force: input.force,
        dryRun: ctx.isDryRun,
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.output('applied', applied);

      if (input.wait && !ctx.isDryRun) {
        await waitUntilReady(client, normalised, {
          timeoutMs: (input.timeoutSeconds ?? 300) * 1000,
          signal: ctx.signal,
          onChange: (what, readiness) =>
            ctx.logger.info(`${what}: ${readiness.state}`),
        });
        ctx.logger.info('All objects are ready');
      }
    },
  });
}
