import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/** Allows provisioning a stack: creating Forgejo repositories and ArgoCD Applications. */
export const stackProvisionPermission = createPermission({
  name: 'edp.stack.provision',
  attributes: { action: 'create' },
});

/** Allows `edp:kubernetes:apply` to apply namespaced objects in the allowlisted namespaces. */
export const kubernetesApplyPermission = createPermission({
  name: 'edp.kubernetes.apply',
  attributes: { action: 'create' },
});

/**
 * Needed in addition by `edp:kubernetes:apply` for cluster-scoped kinds, RBAC kinds, Secrets and
 * objects in namespaces outside `edp.kubernetes.namespaceAllowlist`, whatever the template says.
 */
export const kubernetesApplyPrivilegedPermission = createPermission({
  name: 'edp.kubernetes.apply.privileged',
  attributes: { action: 'create' },
});

/** Allows `edp:argocd:application:create` to create or update an ArgoCD Application. */
export const argocdApplicationCreatePermission = createPermission({
  name: 'edp.argocd.application.create',
  attributes: { action: 'create' },
});

export const stackPermissions = [
  stackProvisionPermission,
  kubernetesApplyPermission,
  kubernetesApplyPrivilegedPermission,
  argocdApplicationCreatePermission,
];

/**
 * Throws NotAllowedError unless `credentials` (the task initiator's) hold `permission`. Actions call
 * it before their first change, dry-runs included, so that a denied user learns nothing new either.
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
  doing: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `The user who started this task may not ${doing} (permission ${permission.name})`,
    );
  }
}
