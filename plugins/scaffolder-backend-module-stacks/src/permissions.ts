import { createPermission } from '@backstage/plugin-permission-common';

/** Allows provisioning a stack: creating Forgejo repositories and ArgoCD Applications. */
export const stackProvisionPermission = createPermission({
  name: 'edp.stack.provision',
  attributes: { action: 'create' },
});

export const stackPermissions = [stackProvisionPermission];
