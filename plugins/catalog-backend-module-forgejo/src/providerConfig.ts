import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/**
 * One `catalog.providers.forgejo.<id>` entry, checked.
 * @public
 */
export interface ForgejoDiscoveryConfig {
  id: string;
  host: string;
  organizations: string[];
  catalogPath: string;
  /** Undefined: each repository's default branch. */
  branch?: string;
  repositoryPattern?: RegExp;
  includeArchived: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/**
 * Reads every `catalog.providers.forgejo.<id>` entry. Mistakes throw at startup with the key and the
 * fix, rather than surfacing later as a provider that silently finds nothing.
 */
export function readProviderConfigs(
  config: Config,
  configuredHosts: string[],
): ForgejoDiscoveryConfig[] {
  const providers = config.getOptionalConfig('catalog.providers.forgejo');
  if (!providers) return [];
  return providers
    .keys()
    .map(id => readOne(id, providers.getConfig(id), configuredHosts));
}

function readOne(
  id: string,
  c: Config,
  configuredHosts: string[],
): ForgejoDiscoveryConfig {
  const key = (name: string) => `catalog.providers.forgejo.${id}.${name}`;

  const host = c.getString('host');
  if (!configuredHosts.includes(host)) {
    throw new Error(
      `${key(
        'host',
      )} is "${host}", which has no integrations.gitea entry; add one with host: ${host} (and baseUrl, password)${
        configuredHosts.length
          ? `, or use one of the configured hosts: ${configuredHosts.join(
              ', ',
            )}`
          : ''
      }.`,
    );
  }

  const organizations = [
    ...(c.getOptionalStringArray('organizations') ?? []),
    ...(c.has('organization') ? [c.getString('organization')] : []),
  ];
  if (organizations.length === 0) {
    throw new Error(
      `${key(
        'organizations',
      )} is missing: list the Forgejo organisations to scan, e.g. organizations: [platform].`,
    );
  }

  const catalogPath = (
    c.getOptionalString('catalogPath') ?? 'catalog-info.yaml'
  )
    .trim()
    .replace(/^\/+/, '');
  if (
    !catalogPath ||
    catalogPath.split('/').includes('..') ||
    /[*?[\]{}]/.test(catalogPath)
  ) {
    throw new Error(
      `${key(
        'catalogPath',
      )} must be a plain file path inside the repository (no "..", no wildcards), e.g. catalog-info.yaml; got "${catalogPath}".`,
    );
  }

  const pattern = c.getOptionalString('repositoryPattern');
  let repositoryPattern: RegExp | undefined;
  if (pattern !== undefined) {
    try {
      repositoryPattern = new RegExp(pattern);
    } catch (e) {
      throw new Error(
        `${key('repositoryPattern')} is not a valid regular expression (${
          (e as Error).message
        }).`,
      );
    }
  }

  return {
    id,
    host,
    organizations: [...new Set(organizations)],
    catalogPath,
    branch: c.getOptionalString('branch')?.trim() || undefined,
    repositoryPattern,
    includeArchived: c.getOptionalBoolean('includeArchived') ?? false,
    schedule: c.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}
