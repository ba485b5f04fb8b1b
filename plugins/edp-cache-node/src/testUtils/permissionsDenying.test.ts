import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { permissionsDenying } from './permissionsDenying';

const read = createPermission({
  name: 'x.read',
  attributes: { action: 'read' },
});
const sync = createPermission({ name: 'x.sync', attributes: {} });

describe('permissionsDenying', () => {
  it('denies the named permissions and allows the others', async () => {
    const permissions = permissionsDenying(['x.sync']);
    const decisions = await permissions.authorize(
      [{ permission: read }, { permission: sync }],
      { credentials: mockCredentials.user() },
    );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
  });

  it('allows everything when no name is given', async () => {
    const decisions = await permissionsDenying().authorize(
      [{ permission: sync }],
      { credentials: mockCredentials.user() },
    );
    expect(decisions[0].result).toBe(AuthorizeResult.ALLOW);
  });
});
