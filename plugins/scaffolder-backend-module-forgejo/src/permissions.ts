import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';

/**
 * Allows `publish:forgejo` to create repositories and push with the integration's credentials.
 * @public
 */
export const forgejoRepositoryPublishPermission = createPermission({
  name: 'forgejo.repository.publish',
  attributes: { action: 'create' },
});

/**
 * Throws NotAllowedError unless the task's initiator may publish. (The same check as the stacks
 * module's requirePermission; the two packages share no library to hold one copy.)
 */
export async function requirePublishPermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const permission = forgejoRepositoryPublishPermission;
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `The user who started this task may not publish to Forgejo (permission ${permission.name})`,
    );
  }
}
