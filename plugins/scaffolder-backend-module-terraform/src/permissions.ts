import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows `edp:terraform:run` to apply a plan (create or change infrastructure).
 * @public
 */
export const terraformRunApplyPermission = createPermission({
  name: 'terraform.run.apply',
  attributes: { action: 'update' },
});

/**
 * Allows `edp:terraform:run` to destroy infrastructure.
 * @public
 */
export const terraformRunDestroyPermission = createPermission({
  name: 'terraform.run.destroy',
  attributes: { action: 'delete' },
});

/** @public */
export const terraformPermissions = [
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
];
