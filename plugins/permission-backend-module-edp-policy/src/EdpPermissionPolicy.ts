import type { Config } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createForgejoEntityConditionalDecision,
  publicOrOwnedBy,
} from '@edp/plugin-forgejo-node';
import { forgejoRepositoryReadPermission } from '@edp/plugin-forgejo-common';
import {
  DEFAULT_PRIVILEGED_ACTIONS,
  readPolicyOptions,
  type EdpPolicyOptions,
} from './policyConfig';

/**
 * Permissions that are not reads but that every signed-in user needs to use the portal: none of
 * them acts with the credentials of a cluster, ArgoCD or Forgejo. (`catalog.entity.refresh` only
 * re-reads a location the catalog already holds.)
 */
const FOR_EVERYONE: Permission[] = [
  taskCreatePermission,
  templateDryRunPermission,
  catalogEntityValidatePermission,
  catalogEntityRefreshPermission,
];

/** Registering a location reads any URL with the integrations' credentials and adds its entities. */
const LOCATION_REGISTRATION: Permission[] = [
  catalogLocationCreatePermission,
  catalogLocationAnalyzePermission,
  catalogEntityCreatePermission,
];

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const matchesAny = (permission: Permission, list: Permission[]) =>
  list.some(p => p.name === permission.name);

/**
 * Deny by default for everything that acts with server-held credentials. Members of the privileged
 * groups may do everything. Everyone else may read, run templates whose steps use none of the
 * privileged scaffolder actions, cancel their own tasks and refresh entities; everything else that is
 * not a read — `kubernetes.proxy`, the EDP plugins' mutating permissions, catalog deletions, and any
 * permission this policy does not know — is denied.
 *
 * @public
 */
export class EdpPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): EdpPermissionPolicy {
    return new EdpPermissionPolicy(readPolicyOptions(config));
  }

  private readonly privilegedGroups: string[];
  private readonly privilegedActions: readonly string[];
  private readonly locationRegistration: 'privileged' | 'everyone';

  constructor(options: EdpPolicyOptions) {
    this.privilegedGroups = options.privilegedGroups.map(g =>
      g.toLocaleLowerCase('en-US'),
    );
    this.privilegedActions =
      options.privilegedActions ?? DEFAULT_PRIVILEGED_ACTIONS;
    this.locationRegistration = options.locationRegistration ?? 'privileged';
  }

  get groups(): readonly string[] {
    return this.privilegedGroups;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (this.isPrivileged(user)) return ALLOW;

    if (isPermission(permission, actionExecutePermission)) {
      // The scaffolder applies this condition to every step, dry-runs included.
      const [first, ...rest] = this.privilegedActions.map(actionId =>
        scaffolderActionConditions.hasActionId({ actionId }),
      );
      if (!first) return ALLOW;
      return createScaffolderActionConditionalDecision(permission, {
        not: { anyOf: [first, ...rest] },
      });
    }
    if (isPermission(permission, taskCancelPermission)) {
      if (!user) return DENY;
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    if (matchesAny(permission, LOCATION_REGISTRATION)) {
      return this.locationRegistration === 'everyone' ? ALLOW : DENY;
    }
    if (matchesAny(permission, FOR_EVERYONE)) return ALLOW;
    if (isPermission(permission, forgejoRepositoryReadPermission)) {
      // The cards read with the integration's token: a private repository only for its entity's owners.
      return createForgejoEntityConditionalDecision(
        permission,
        publicOrOwnedBy(user?.info.ownershipEntityRefs ?? []),
      );
    }
    if (permission.attributes.action === 'read') return ALLOW;
    return DENY;
  }

  private isPrivileged(user?: PolicyQueryUser): boolean {
    const ownership = (user?.info.ownershipEntityRefs ?? []).map(r =>
      r.toLocaleLowerCase('en-US'),
    );
    return this.privilegedGroups.some(g => ownership.includes(g));
  }
}
