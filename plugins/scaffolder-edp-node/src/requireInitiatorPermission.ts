import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Throws NotAllowedError unless the task's initiator holds `permission`.
 *
 * Every EDP action that acts with server-held credentials (the integration's token, the cluster's
 * service account) calls it with `await ctx.getInitiatorCredentials()` before its first change,
 * dry-runs included: the server's credentials must never do for a user what the user may not, and
 * a denied dry-run must not tell the user what the real run would have done either.
 *
 * @param doing - what the user tried, completing "may not …", e.g. `publish to Forgejo`.
 * @public
 */
export async function requireInitiatorPermission(
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
