import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/** Permission name prefixes owned by the EDP plugins. */
const EDP_PREFIXES = ['forgejo.', 'argocd.', 'edp.', 'terraform.'];
const MUTATING_ACTIONS = ['create', 'update', 'delete'];

export const PRIVILEGED_GROUPS_KEY = 'edp.permission.privilegedGroups';

/**
 * Everyone may read; the EDP plugins' mutating permissions (ArgoCD sync, stack provisioning,
 * terraform apply/destroy) are for members of the configured groups only. Backstage's own
 * permissions (catalog, scaffolder) are allowed, so that anyone may run a template: the risky
 * steps inside it check our permissions with the initiator's credentials.
 */
/**
 * @public
 */
export class EdpPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): EdpPermissionPolicy {
    const refs = config.getOptionalStringArray(PRIVILEGED_GROUPS_KEY) ?? [];
    const groups = refs.map((ref, i) => {
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
          `${PRIVILEGED_GROUPS_KEY}[${i}] must be a group reference such as group:default/platform-engineers, got "${ref}" (${
            (e as Error).message
          })`,
        );
      }
    });
    return new EdpPermissionPolicy(groups);
  }

  constructor(private readonly privilegedGroups: string[]) {}

  get groups(): readonly string[] {
    return this.privilegedGroups;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isEdp = EDP_PREFIXES.some(prefix =>
      permission.name.startsWith(prefix),
    );
    const action = permission.attributes?.action;
    if (!isEdp || !action || !MUTATING_ACTIONS.includes(action)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = (user?.info.ownershipEntityRefs ?? []).map(r =>
      r.toLocaleLowerCase('en-US'),
    );
    const allowed = this.privilegedGroups.some(g =>
      ownership.includes(g.toLocaleLowerCase('en-US')),
    );
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
