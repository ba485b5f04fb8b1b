import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows `publish:forgejo` to create repositories and push with the integration's credentials.
 * @public
 */
export const forgejoRepositoryPublishPermission = createPermission({
  name: 'forgejo.repository.publish',
  attributes: { action: 'create' },
});
