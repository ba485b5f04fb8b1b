import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  forgejoRepositoryReadPermission,
  forgejoWorkflowDispatchPermission,
} from '@edp/plugin-forgejo-common';
import { EdpPermissionPolicy } from './EdpPermissionPolicy';

const user = (...ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser);

describe('EdpPermissionPolicy: Forgejo card data (forgejo.repository.read)', () => {
  const policy = EdpPermissionPolicy.fromConfig(
    new ConfigReader({
      edp: {
        permission: { privilegedGroups: ['group:default/platform-engineers'] },
      },
    }),
  );
  const read = { permission: forgejoRepositoryReadPermission };

  it('lets the privileged groups read every repository', async () => {
    const engineer = user(
      'user:default/guest',
      'group:default/platform-engineers',
    );
    expect((await policy.handle(read, engineer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it("lets anyone else read a public repository, or a private one of an entity they own (the forgejo plugin's rules)", async () => {
    const decision = (await policy.handle(
      read,
      user('user:default/alice', 'group:default/developers'),
    )) as ConditionalPolicyDecision;
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'forgejo',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            rule: 'IS_PUBLIC_REPOSITORY',
            resourceType: 'catalog-entity',
            params: undefined,
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: {
              claims: ['user:default/alice', 'group:default/developers'],
            },
          },
        ],
      },
    });
  });

  it('lets only the privileged groups start workflows (forgejo.workflow.dispatch), like ArgoCD sync and rollback', async () => {
    const dispatch = { permission: forgejoWorkflowDispatchPermission };
    const engineer = user(
      'user:default/guest',
      'group:default/platform-engineers',
    );
    expect((await policy.handle(dispatch, engineer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    // Owning the entity is not enough: the dispatch runs with the integration's token.
    for (const who of [
      user('user:default/alice', 'group:default/developers'),
      user('user:default/visitor'),
      undefined,
    ]) {
      expect((await policy.handle(dispatch, who)).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });
});
