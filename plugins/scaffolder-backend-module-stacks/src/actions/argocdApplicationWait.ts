import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { findCluster } from '../kubernetes/clusterConfig';
import { KubeClient } from '../kubernetes/KubeClient';
import { applicationStatus } from '../kubernetes/readiness';
import {
  waitUntilReady,
  WaitError,
  WaitResult,
} from '../kubernetes/waitUntilReady';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { examples } from './argocdApplicationWait.examples';

/** `edp:argocd:application:wait`: wait until Applications are Synced and Healthy. */
export function createArgocdApplicationWaitAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'edp:argocd:application:wait',
    description:
      'Waits until ArgoCD Applications are Synced and Healthy, logging each state change; fails with the state reached at the timeout.',
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
      const manifests = names.map(name => ({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, namespace },
      }));
      const report = (results: WaitResult[]) =>
        results.map(r => ({
          name: r.manifest.metadata.name,
          namespace,
          ...applicationStatus(r.object),
        }));
      try {
        const results = await waitUntilReady(client, manifests, {
          timeoutMs: (ctx.input.timeoutSeconds ?? 300) * 1000,
          signal: ctx.signal,
          onChange: (what, readiness) =>
            ctx.logger.info(`${what}: ${readiness.state}`),
        });
        ctx.output('applications', report(results));
      } catch (e) {
        if (e instanceof WaitError)
          ctx.output('applications', report(e.results));
        throw e;
      }
    },
  });
}
