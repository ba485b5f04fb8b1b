import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { PlacementKey } from '@edp/plugin-scaffolder-edp-common';
import { readConfiguredClusters } from '../kubernetes/clusterConfig';

/** What the portal offers for one key, and how a value is checked. */
export interface PlacementRule {
  /** Words for error messages, e.g. "Forgejo host". */
  label: string;
  /**
   * The values the portal's config allows, with the config key that lists them; undefined when the
   * value is free (then `check` validates its form). When exactly one is configured, it is the
   * derived default.
   */
  choices?: (config: Config) => { values: string[]; where: string };
  /** Returns the problem with a free-form value (undefined when fine). */
  check?: (value: string) => string | undefined;
  /** Canonical form of a valid value. */
  normalize?: (value: string) => string;
}

/** Names of `argocd.appLocatorMethods[].instances[]`; only names: credentials are not this action's business. */
function argocdInstanceNames(config: Config): string[] {
  return (config.getOptionalConfigArray('argocd.appLocatorMethods') ?? [])
    .flatMap(method => method.getOptionalConfigArray('instances') ?? [])
    .map(instance => instance.getString('name'));
}

// Forgejo user and organisation names; also keeps `?`, `&` and `/` out of publish:forgejo's repoUrl.
const OWNER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const PLACEMENT_RULES: Record<PlacementKey, PlacementRule> = {
  forgejoHost: {
    label: 'Forgejo host',
    choices: config => ({
      values: ScmIntegrations.fromConfig(config)
        .gitea.list()
        .map(i => i.config.host),
      where: 'integrations.gitea',
    }),
  },
  repoOwner: {
    label: 'repository owner',
    check: value =>
      OWNER_PATTERN.test(value)
        ? undefined
        : 'is not a Forgejo user or organisation name (letters, digits, "-", "_", ".")',
  },
  cluster: {
    label: 'cluster',
    choices: config => ({
      values: readConfiguredClusters(config).map(c => c.name),
      where: 'kubernetes.clusterLocatorMethods',
    }),
  },
  argocdInstance: {
    label: 'ArgoCD instance',
    choices: config => ({
      values: argocdInstanceNames(config),
      where: 'argocd.appLocatorMethods[].instances',
    }),
  },
  stacksLocation: {
    label: 'stacks location',
    check: value => {
      try {
        const url = new URL(value);
        if (url.protocol === 'http:' || url.protocol === 'https:')
          return undefined;
      } catch {
        // reported below
      }
      return 'is not an http(s) URL of the folder holding the stacks';
    },
    // The templates append "/<stack>".
    normalize: value => value.replace(/\/+$/, ''),
  },
};
