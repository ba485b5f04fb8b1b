import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

// Checked against the entity whose repository is shown (resourceRef = the entity ref), so a policy
// can decide per entity (e.g. only the owning group may see a private repository's cards). The
// resource type is the catalog's own `catalog-entity`, imported from Backstage.

/**
 * Allows reading the Forgejo repository data shown on an entity's cards.
 * @public
 */
export const forgejoRepositoryReadPermission = createPermission({
  name: 'forgejo.repository.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows starting a Forgejo Actions workflow (`workflow_dispatch`) of the entity's repository from the
 * CI card. The backend dispatches with the integration's token, so this is a mutation the portal's
 * policy must grant explicitly.
 * @public
 */
export const forgejoWorkflowDispatchPermission = createPermission({
  name: 'forgejo.workflow.dispatch',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the Forgejo plugins, for registration.
 * @public
 */
export const forgejoPermissions = [
  forgejoRepositoryReadPermission,
  forgejoWorkflowDispatchPermission,
];
