import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service for backend tests that denies the named permissions and allows every
 * other one, so a test can take exactly one right away from the caller and see the refusal.
 * (`mockServices.permissions({ result })` answers every permission the same way.)
 *
 * @public
 */
export function permissionsDenying(names: Iterable<string> = []) {
  const denied = new Set(names);
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  });
}
