import path from 'node:path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Config keys, named in every error so an operator knows what to fix. */
export const CONFIG_KEYS = {
  binary: 'edp.terraform.binary',
  flavor: 'edp.terraform.flavor',
  requiredVersion: 'edp.terraform.requiredVersion',
  cancelGracePeriodSeconds: 'edp.terraform.cancelGracePeriodSeconds',
  modules: 'edp.terraform.modules',
} as const;

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
}

const DEFAULT_GRACE_SECONDS = 60;

function readModules(config: Config): Record<string, string> {
  const modules = config.getOptionalConfig(CONFIG_KEYS.modules);
  if (!modules) return {};
  return Object.fromEntries(
    modules.keys().map(name => [name, path.resolve(modules.getString(name))]),
  );
}

/** Reads `edp.terraform.*`; a missing binary is reported when a run starts, not at backend start. */
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
  };
}
