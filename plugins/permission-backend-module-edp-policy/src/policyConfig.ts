import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';

export const PRIVILEGED_GROUPS_KEY = 'edp.permission.privilegedGroups';
export const LOCATION_REGISTRATION_KEY = 'edp.permission.locationRegistration';
export const PRIVILEGED_ACTIONS_KEY = 'edp.permission.privilegedActions';

/**
 * Scaffolder actions that change something with the backend's own credentials (cluster, ArgoCD,
 * Forgejo, cloud providers). Only privileged users may run them, in dry-run too.
 * @public
 */
export const DEFAULT_PRIVILEGED_ACTIONS: readonly string[] = [
  'edp:kubernetes:apply',
  'edp:argocd:application:create',
  'edp:stack:provision',
  'edp:terraform:run',
  'publish:forgejo',
];

/** @public */
export interface EdpPolicyOptions {
  /** Group refs (`group:default/platform-engineers`) whose members may act with server-held credentials. */
  privilegedGroups: string[];
  /** Who may register catalog locations (`catalog.location.create`, `catalog.location.analyze`). */
  locationRegistration?: 'privileged' | 'everyone';
  /** Scaffolder action ids only privileged users may execute; default {@link DEFAULT_PRIVILEGED_ACTIONS}. */
  privilegedActions?: readonly string[];
}

function groupRef(ref: string, index: number): string {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group')
      throw new Error(`kind is ${parsed.kind}`);
    return stringifyEntityRef(parsed);
  } catch (e) {
    throw new Error(
      `${PRIVILEGED_GROUPS_KEY}[${index}] must be a group reference such as group:default/platform-engineers, got "${ref}" (${
        (e as Error).message
      })`,
    );
  }
}

/** Reads `edp.permission.*`; every mistake fails at start with the key and the fix. */
export function readPolicyOptions(config: Config): EdpPolicyOptions {
  const privilegedGroups = (
    config.getOptionalStringArray(PRIVILEGED_GROUPS_KEY) ?? []
  ).map(groupRef);
  const registration =
    config.getOptionalString(LOCATION_REGISTRATION_KEY) ?? 'privileged';
  if (registration !== 'privileged' && registration !== 'everyone') {
    throw new Error(
      `${LOCATION_REGISTRATION_KEY} must be "privileged" or "everyone", got "${registration}"`,
    );
  }
  const extraActions = config.getOptionalStringArray(PRIVILEGED_ACTIONS_KEY);
  return {
    privilegedGroups,
    locationRegistration: registration,
    privilegedActions: [
      ...new Set([...DEFAULT_PRIVILEGED_ACTIONS, ...(extraActions ?? [])]),
    ],
  };
}
