import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { PlacementKey } from '@edp/plugin-scaffolder-edp-common';
import { PLACEMENT_RULES } from './placementKeys';

/** Where a resolved value came from, for the task log. */
export interface ResolvedPlacement {
  value: string;
  /** "parameter 'cluster'", "edp.defaults.cluster" or "the only entry of kubernetes.clusterLocatorMethods". */
  origin: string;
}

/** An empty form field arrives as '' or undefined: both mean "not given". */
const present = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

const listOf = (values: string[]) => values.join(', ') || '(none)';

/**
 * Resolves one placement value: the template parameter when given, else `edp.defaults.<key>`,
 * else the only value the portal's config allows. Every value is checked against the config,
 * whichever its origin, and errors name both the parameter and the config key to set.
 */
export function resolvePlacement(
  config: Config,
  key: PlacementKey,
  parameter: string | undefined,
): ResolvedPlacement {
  const rule = PLACEMENT_RULES[key];
  const configKey = `edp.defaults.${key}`;
  const choices = rule.choices?.(config);

  let resolved: ResolvedPlacement | undefined;
  const given = present(parameter);
  const configured = present(config.getOptionalString(configKey));
  if (given) {
    resolved = { value: given, origin: `parameter '${key}'` };
  } else if (configured) {
    resolved = { value: configured, origin: configKey };
  } else if (choices?.values.length === 1) {
    resolved = {
      value: choices.values[0],
      origin: `the only entry of ${choices.where}`,
    };
  }

  if (!resolved) {
    let why = '';
    if (choices) {
      why =
        choices.values.length === 0
          ? ` (nothing is configured under ${choices.where})`
          : ` (${choices.where} has several: ${listOf(choices.values)})`;
    }
    throw new InputError(
      `No ${rule.label}: fill in '${key}' or set ${configKey} in app-config${why}`,
    );
  }

  if (choices && !choices.values.includes(resolved.value)) {
    throw new InputError(
      `The ${rule.label} "${resolved.value}" (from ${
        resolved.origin
      }) is not configured under ${choices.where}; configured: ${listOf(
        choices.values,
      )}`,
    );
  }
  const problem = rule.check?.(resolved.value);
  if (problem) {
    throw new InputError(
      `The ${rule.label} "${resolved.value}" (from ${resolved.origin}) ${problem}`,
    );
  }
  return {
    ...resolved,
    value: rule.normalize?.(resolved.value) ?? resolved.value,
  };
}
