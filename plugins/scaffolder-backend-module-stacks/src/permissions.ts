import { createPermission } from '@backstage/plugin-permission-common';

/** Allows provisioning a stack: creating Forgejo repositories and ArgoCD Applications. @public */
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

/**
 * Allows `edp:argocd:application:wait` to read the sync and health of Applications with the
 * cluster's credentials. A read: the EDP policy allows it to everyone; a stricter policy may not.
 */
export const argocdApplicationStatusReadPermission = createPermission({
  name: 'edp.argocd.application.read',
  attributes: { action: 'read' },
});

export const stackPermissions = [
  stackProvisionPermission,
  kubernetesApplyPermission,
  kubernetesApplyPrivilegedPermission,
  argocdApplicationCreatePermission,
  argocdApplicationStatusReadPermission,
];
