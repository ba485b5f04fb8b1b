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

/**
 * Allows `edp:terraform:run` to plan, dry-run included: a plan runs the module's provider code
 * (data sources, provider configuration) on the backend host. No `action` attribute: it is not a
 * read, so policies that allow reads to everyone do not allow it.
 * @public
 */
export const terraformRunPlanPermission = createPermission({
  name: 'terraform.run.plan',
  attributes: {},
});

/** @public */
export const terraformPermissions = [
  terraformRunPlanPermission,
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
];
