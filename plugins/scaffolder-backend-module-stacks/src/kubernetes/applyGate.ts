import type { Config } from '@backstage/config';
import { describeObject, Manifest } from './manifests';

export const NAMESPACE_ALLOWLIST_KEY = 'edp.kubernetes.namespaceAllowlist';

/** Namespaces ordinary apply may write to: exact names, or prefixes written as `team-*`. */
export class NamespaceAllowlist {
  static fromConfig(config: Config): NamespaceAllowlist {
    return new NamespaceAllowlist(
      config.getOptionalStringArray(NAMESPACE_ALLOWLIST_KEY) ?? [],
    );
  }

  constructor(private readonly entries: readonly string[]) {}

  allows(namespace: string): boolean {
    return this.entries.some(entry =>
      entry.endsWith('*')
        ? namespace.startsWith(entry.slice(0, -1))
        : namespace === entry,
    );
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

/**
 * Why applying `manifest` (already normalised: namespaced kinds carry their namespace, cluster-scoped
 * kinds none) needs the privileged permission, or undefined when it does not.
 */
export function privilegedReason(
  manifest: Manifest,
  allowlist: NamespaceAllowlist,
): string | undefined {
  const what = describeObject(manifest);
  if (manifest.apiVersion.startsWith(RBAC_GROUP))
    return `${what} (RBAC grants rights)`;
  if (manifest.apiVersion === 'v1' && manifest.kind === 'Secret')
    return `${what} (Secret)`;
  const namespace = manifest.metadata.namespace;
  if (!namespace) return `${what} (cluster-scoped)`;
  if (!allowlist.allows(namespace))
    return `${what} (namespace "${namespace}" is not in ${NAMESPACE_ALLOWLIST_KEY})`;
  return undefined;
}
