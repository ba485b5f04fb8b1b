import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows reading the Forgejo repository data shown on an entity's cards.
 * @public
 */
export const forgejoRepositoryReadPermission = createPermission({
  name: 'forgejo.repository.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the Forgejo plugins, for registration.
 * @public
 */
export const forgejoPermissions = [forgejoRepositoryReadPermission];
