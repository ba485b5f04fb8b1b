import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { recordingAuditor } from './recordingAuditor';

/**
 * A PermissionsService that allows exactly the named permissions (or every one with `'*'`), the way
 * the EDP policy answers a privileged user (`'*'`) or a user granted only some permissions.
 */
export function permissionsAllowing(...names: string[]) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          names.includes('*') || names.includes(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any,
  });
}

/** Options for an action run by a privileged user (every permission allowed), with a recording auditor. */
export function asPrivilegedUser<C>(config: C) {
  return {
    config,
    permissions: permissionsAllowing('*'),
    auditor: recordingAuditor().auditor,
  };
}
