import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
} from '../permissions';

/** Throws NotAllowedError unless the task's initiator may apply (or destroy). */
export async function authorizeRun(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  operation: 'apply' | 'destroy',
): Promise<void> {
  const permission =
    operation === 'destroy'
      ? terraformRunDestroyPermission
      : terraformRunApplyPermission;
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `The user who started this task may not ${operation} Terraform changes (permission ${permission.name}).`,
    );
  }
}
