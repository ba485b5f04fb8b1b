import type { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { z as zod } from 'zod/v3';
import {
  PLACEMENT_KEYS,
  type PlacementKey,
} from '@edp/plugin-scaffolder-edp-common';
import { resolvePlacement } from '../defaults/resolvePlacement';
import { examples } from './defaultsResolve.examples';

const parameter = (description: string) => (z: typeof zod) =>
  z.string({ description }).optional();

const EMPTY = ' Empty or missing: the portal default.';

/**
 * `edp:defaults:resolve`: turns a template's optional placement parameters into the values the
 * later steps use (parameter, else `edp.defaults.<key>`, else the only configured choice), so that
 * templates carry no hosts, owners, clusters or instances of their own.
 */
export function createDefaultsResolveAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'edp:defaults:resolve',
    description:
      "Resolves where a template puts things: each value is the template's parameter when filled in, else the portal's edp.defaults.<key>, else the only one configured; it must be one the portal's config knows.",
    examples,
    // Reads config only: a dry-run resolves the real values.
    supportsDryRun: true,
    schema: {
      input: {
        forgejoHost: parameter(
          `Host of an integrations.gitea entry (default: edp.defaults.forgejoHost, or the only integrations.gitea host).${EMPTY}`,
        ),
        repoOwner: parameter(
          `Forgejo organisation or user owning the repositories (default: edp.defaults.repoOwner).${EMPTY}`,
        ),
        cluster: parameter(
          `Cluster name of kubernetes.clusterLocatorMethods (default: edp.defaults.cluster, or the only configured cluster).${EMPTY}`,
        ),
        argocdInstance: parameter(
          `Instance name of argocd.appLocatorMethods (default: edp.defaults.argocdInstance, or the only configured instance).${EMPTY}`,
        ),
        stacksLocation: parameter(
          `URL of the folder holding the stacks (default: edp.defaults.stacksLocation).${EMPTY}`,
        ),
        require: z =>
          z
            .array(z.enum(PLACEMENT_KEYS), {
              description:
                'The values this template needs: each must resolve, or the step fails naming the parameter and the config key to set. Default: all of them. Values filled in but not listed are resolved and checked too.',
            })
            .optional(),
      },
      output: {
        forgejoHost: z => z.string({ description: 'Forgejo host' }).optional(),
        repoOwner: z =>
          z.string({ description: 'Repository owner' }).optional(),
        cluster: z => z.string({ description: 'Cluster name' }).optional(),
        argocdInstance: z =>
          z.string({ description: 'ArgoCD instance name' }).optional(),
        stacksLocation: z =>
          z
            .string({ description: 'Stacks folder URL, no trailing slash' })
            .optional(),
      },
    },
    async handler(ctx) {
      const { require: required = PLACEMENT_KEYS, ...given } = ctx.input;
      const wanted = PLACEMENT_KEYS.filter(
        key => required.includes(key) || given[key]?.trim(),
      );
      const resolved: Partial<Record<PlacementKey, string>> = {};
      for (const key of wanted) {
        const { value, origin } = resolvePlacement(
          options.config,
          key,
          given[key],
        );
        // Names and hosts only: credentials live in other config keys and are never read here.
        ctx.logger.info(`${key}: ${value} (from ${origin})`);
        resolved[key] = value;
      }
      for (const key of wanted) ctx.output(key, resolved[key]!);
    },
  });
}
