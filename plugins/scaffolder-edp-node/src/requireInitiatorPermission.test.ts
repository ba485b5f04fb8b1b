import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { requireInitiatorPermission } from './requireInitiatorPermission';

const permission = createPermission({
  name: 'edp.example.create',
  attributes: { action: 'create' },
});

function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockResolvedValue([{ result }]);
  return permissions;
}

describe('requireInitiatorPermission', () => {
  const initiator = mockCredentials.user('user:default/ann');

  it("asks the permission framework with the initiator's credentials and lets an allowed user through", async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await expect(
      requireInitiatorPermission(
        permissions,
        initiator,
        permission,
        'create examples',
      ),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith([{ permission }], {
      credentials: initiator,
    });
  });

  it('refuses a denied user with NotAllowedError naming what was refused and the permission', async () => {
    await expect(
      requireInitiatorPermission(
        permissionsAnswering(AuthorizeResult.DENY),
        initiator,
        permission,
        'create examples',
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The user who started this task may not create examples (permission edp.example.create)',
    });
  });

  it('refuses when the framework gives no decision (deny by default)', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([]);
    await expect(
      requireInitiatorPermission(
        permissions,
        initiator,
        permission,
        'create examples',
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});
