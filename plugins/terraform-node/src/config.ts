import path from 'node:path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Config keys, named in every error so an operator knows what to fix. @public */
export const CONFIG_KEYS = {
  binary: 'edp.terraform.binary',
  flavor: 'edp.terraform.flavor',
  requiredVersion: 'edp.terraform.requiredVersion',
  cancelGracePeriodSeconds: 'edp.terraform.cancelGracePeriodSeconds',
  modules: 'edp.terraform.modules',
  stateBackend: 'edp.terraform.stateBackend.kubernetes',
} as const;

/**
 * Where states live when a module declares no backend: Terraform's `kubernetes` backend on a
 * cluster of kubernetes.clusterLocatorMethods. The credentials stay in the backend's config.
 * @public
 */
export interface KubernetesStateBackend {
  type: 'kubernetes';
  /** Cluster name, for messages and the state location. */
  cluster: string;
  url: string;
  token: string;
  skipTLSVerify: boolean;
  caData?: string;
  namespace: string;
}

/**
 * How the action runs the CLI. Read from app-config only: a template can never
 * pick the executable or its flags.
 * @public
 */
export interface TerraformRunConfig {
  /** Path or PATH name of the executable; undefined when not configured. */
  binary?: string;
  flavor: 'terraform' | 'tofu';
  requiredVersion?: string;
  cancelGracePeriodMs: number;
  /** Module folders templates may fetch by name (absolute paths). */
  modules: Record<string, string>;
  /** The default remote backend; undefined when not configured. */
  stateBackend?: KubernetesStateBackend;
}

const DEFAULT_GRACE_SECONDS = 60;

/**
 * A cluster of kubernetes.clusterLocatorMethods (type: config) with its token, found by name.
 * `key` is the config key that named it, for the error an operator reads.
 * @public
 */
export function findKubernetesCluster(
  config: Config,
  name: string,
  key: string,
): Omit<KubernetesStateBackend, 'type' | 'namespace'> {
  const cluster = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? [])
    .find(c => c.getString('name') === name);
  if (!cluster) {
    throw new InputError(
      `${key} "${name}" is not a cluster of kubernetes.clusterLocatorMethods (type: config)`,
    );
  }
  const token = cluster.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${key} "${name}" needs a serviceAccountToken in kubernetes.clusterLocatorMethods`,
    );
  }
  return {
    cluster: name,
    url: cluster.getString('url'),
    token,
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
    caData: cluster.getOptionalString('caData'),
  };
}

function readStateBackend(config: Config): KubernetesStateBackend | undefined {
  const backend = config.getOptionalConfig(CONFIG_KEYS.stateBackend);
  if (!backend) return undefined;
  return {
    type: 'kubernetes',
    ...findKubernetesCluster(
      config,
      backend.getString('cluster'),
      `${CONFIG_KEYS.stateBackend}.cluster`,
    ),
    namespace: backend.getOptionalString('namespace') ?? 'default',
  };
}

function readModules(config: Config): Record<string, string> {
  const modules = config.getOptionalConfig(CONFIG_KEYS.modules);
  if (!modules) return {};
  return Object.fromEntries(
    modules.keys().map(name => [name, path.resolve(modules.getString(name))]),
  );
}

/** Reads `edp.terraform.*`; a missing binary is reported when a run starts, not at backend start. @public */
export function readTerraformRunConfig(config: Config): TerraformRunConfig {
  const flavor = config.getOptionalString(CONFIG_KEYS.flavor) ?? 'terraform';
  if (flavor !== 'terraform' && flavor !== 'tofu') {
    throw new InputError(
      `${CONFIG_KEYS.flavor} must be "terraform" or "tofu", got "${flavor}"`,
    );
  }
  const grace =
    config.getOptionalNumber(CONFIG_KEYS.cancelGracePeriodSeconds) ??
    DEFAULT_GRACE_SECONDS;
  if (!(grace >= 0)) {
    throw new InputError(
      `${CONFIG_KEYS.cancelGracePeriodSeconds} must be a number of seconds >= 0`,
    );
  }
  return {
    binary: config.getOptionalString(CONFIG_KEYS.binary),
    flavor,
    requiredVersion: config.getOptionalString(CONFIG_KEYS.requiredVersion),
    cancelGracePeriodMs: grace * 1000,
    modules: readModules(config),
    stateBackend: readStateBackend(config),
  };
}
