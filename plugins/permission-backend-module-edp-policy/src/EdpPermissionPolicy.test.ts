import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { EdpPermissionPolicy } from './EdpPermissionPolicy';

const user = (...ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser);

const sync = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
});
const read = createPermission({
  name: 'argocd.application.read',
  attributes: { action: 'read' },
});
const destroy = createPermission({
  name: 'terraform.run.destroy',
  attributes: { action: 'delete' },
});
const catalogDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
});

describe('EdpPermissionPolicy', () => {
  const policy = EdpPermissionPolicy.fromConfig(
    new ConfigReader({
      edp: {
        permission: { privilegedGroups: ['group:default/platform-engineers'] },
      },
    }),
  );
  const engineer = user(
    'user:default/guest',
    'group:default/platform-engineers',
  );
  const developer = user('user:default/alice', 'group:default/developers');

  it('lets everyone read', async () => {
    expect((await policy.handle({ permission: read }, developer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets only members of the configured groups use EDP mutating permissions', async () => {
    expect((await policy.handle({ permission: sync }, engineer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle({ permission: sync }, developer)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      (await policy.handle({ permission: destroy }, developer)).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (await policy.handle({ permission: destroy }, undefined)).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it("leaves Backstage's own permissions to Backstage's defaults (allowed)", async () => {
    expect(
      (await policy.handle({ permission: catalogDelete }, developer)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('denies EDP mutations to everyone when no group is configured', async () => {
    const closed = EdpPermissionPolicy.fromConfig(new ConfigReader({}));
    expect((await closed.handle({ permission: sync }, engineer)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('names the key and the fix for a reference that is not a group', () => {
    expect(() =>
      EdpPermissionPolicy.fromConfig(
        new ConfigReader({
          edp: { permission: { privilegedGroups: ['user:default/alice'] } },
        }),
      ),
    ).toThrow(
      'edp.permission.privilegedGroups[0] must be a group reference such as group:default/platform-engineers',
    );
  });

  it('names the file and the key of a value of the wrong type', () => {
    const config = ConfigReader.fromConfigs([
      {
        context: 'app-config.local.yaml',
        data: {
          edp: { permission: { privilegedGroups: 'platform-engineers' } },
        },
      },
    ]);
    expect(() => EdpPermissionPolicy.fromConfig(config)).toThrow(
      "Invalid type in config for key 'edp.permission.privilegedGroups' in 'app-config.local.yaml'",
    );
  });
});
