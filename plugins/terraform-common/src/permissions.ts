import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Both permissions are checked against the entity whose state is shown (resourceRef = the entity
// ref), so a policy can decide per entity, e.g. only its owners may read its state. The resource
// type is the catalog's own `catalog-entity`, imported from Backstage.

/**
 * Reading the Terraform state of an entity: outputs (sensitive ones masked), resources, runs and
 * the drift result. The state itself never leaves the backend.
 * @public
 */
export const terraformStateReadPermission = createPermission({
  name: 'terraform.state.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Running the drift check of an entity now instead of at the next scheduled time. It runs
 * `plan -refresh-only` with the backend's credentials, so it is more than a read.
 * @public
 */
export const terraformDriftCheckPermission = createPermission({
  name: 'terraform.drift.check',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the Terraform plugins, for registration. @public */
export const terraformPermissions = [
  terraformStateReadPermission,
  terraformDriftCheckPermission,
];
