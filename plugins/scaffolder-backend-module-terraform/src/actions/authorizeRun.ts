import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  terraformRunApplyPermission,
  terraformRunDestroyPermission,
  terraformRunPlanPermission,
} from '../permissions';

const PERMISSIONS = {
  plan: terraformRunPlanPermission,
  apply: terraformRunApplyPermission,
  destroy: terraformRunDestroyPermission,
};

/** Throws NotAllowedError unless the task's initiator may plan (apply, destroy). */
export async function authorizeRun(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  operation: 'plan' | 'apply' | 'destroy',
): Promise<void> {
  const permission = PERMISSIONS[operation];
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `The user who started this task may not ${operation} with Terraform (permission ${permission.name}).`,
    );
  }
}
