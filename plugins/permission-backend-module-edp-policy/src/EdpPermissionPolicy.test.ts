import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  createPermission,
  type ConditionalPolicyDecision,
  type Permission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateParameterReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { EdpPermissionPolicy } from './EdpPermissionPolicy';

const user = (...ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser);

const sync = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
});
const argocdRead = createPermission({
  name: 'argocd.application.read',
  attributes: { action: 'read' },
});
const destroy = createPermission({
  name: 'terraform.run.destroy',
  attributes: { action: 'delete' },
});
const apply = createPermission({
  name: 'edp.kubernetes.apply',
  attributes: { action: 'create' },
});
const unknownWithoutAction = createPermission({
  name: 'someplugin.thing.do',
  attributes: {},
});

const engineer = user('user:default/guest', 'group:default/platform-engineers');
const developer = user('user:default/alice', 'group:default/developers');

const policy = EdpPermissionPolicy.fromConfig(
  new ConfigReader({
    edp: {
      permission: { privilegedGroups: ['group:default/platform-engineers'] },
    },
  }),
);

const decide = async (
  permission: Permission,
  who?: PolicyQueryUser,
  p = policy,
) => p.handle({ permission }, who);

/**
 * Applies a conditional scaffolder-action decision to one action id, as the scaffolder does for each
 * step (the decision only uses HAS_ACTION_ID, combined with not/anyOf).
 */
function allowsAction(decision: ConditionalPolicyDecision, actionId: string) {
  const evaluate = (criteria: any): boolean => {
    if ('not' in criteria) return !evaluate(criteria.not);
    if ('anyOf' in criteria) return criteria.anyOf.some(evaluate);
    if ('allOf' in criteria) return criteria.allOf.every(evaluate);
    expect(criteria.rule).toBe('HAS_ACTION_ID');
    return criteria.params.actionId === actionId;
  };
  return evaluate(decision.conditions);
}

describe('EdpPermissionPolicy', () => {
  it.each<[string, Permission]>([
    ['catalog entities', catalogEntityReadPermission],
    ['ArgoCD applications', argocdRead],
    ['Kubernetes resources', kubernetesResourcesReadPermission],
    ['scaffolder tasks', taskReadPermission],
    ['template parameters', templateParameterReadPermission],
  ])('lets everyone read %s', async (_what, permission) => {
    expect((await decide(permission, developer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it.each<[string, Permission]>([
    ['start a template', taskCreatePermission],
    ['refresh an entity', catalogEntityRefreshPermission],
  ])('lets everyone %s', async (_what, permission) => {
    expect((await decide(permission, developer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it.each<[string, Permission]>([
    [
      'the Kubernetes proxy (server-held cluster credentials)',
      kubernetesProxyPermission,
    ],
    ['ArgoCD sync', sync],
    ['terraform destroy', destroy],
    ['kubernetes apply', apply],
    ['catalog entity deletion', catalogEntityDeletePermission],
    ['a permission it does not know that is not a read', unknownWithoutAction],
  ])('gives %s to the privileged groups only', async (_what, permission) => {
    expect((await decide(permission, engineer)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(permission, developer)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await decide(permission, undefined)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('matches group membership case-insensitively', async () => {
    expect(
      (
        await decide(
          sync,
          user('user:default/bob', 'group:default/Platform-Engineers'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  describe('scaffolder.action.execute', () => {
    it('lets privileged users run every action', async () => {
      expect((await decide(actionExecutePermission, engineer)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    });

    it('lets others run every action except the ones acting with server-held credentials', async () => {
      const decision = await decide(actionExecutePermission, developer);
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-action',
      });
      const conditional = decision as ConditionalPolicyDecision;
      for (const id of [
        'edp:kubernetes:apply',
        'edp:argocd:application:create',
        'edp:stack:provision',
        'edp:terraform:run',
        'publish:forgejo',
      ]) {
        expect([id, allowsAction(conditional, id)]).toEqual([id, false]);
      }
      for (const id of [
        'fetch:template',
        'edp:defaults:resolve',
        'debug:log',
      ]) {
        expect([id, allowsAction(conditional, id)]).toEqual([id, true]);
      }
    });

    it('adds the configured action ids to the privileged ones', async () => {
      const custom = EdpPermissionPolicy.fromConfig(
        new ConfigReader({
          edp: { permission: { privilegedActions: ['publish:github'] } },
        }),
      );
      const conditional = (await decide(
        actionExecutePermission,
        developer,
        custom,
      )) as ConditionalPolicyDecision;
      expect(allowsAction(conditional, 'publish:github')).toBe(false);
      expect(allowsAction(conditional, 'publish:forgejo')).toBe(false);
      expect(allowsAction(conditional, 'fetch:plain')).toBe(true);
    });
  });

  it('lets others cancel only their own tasks', async () => {
    expect(await decide(taskCancelPermission, developer)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      resourceType: 'scaffolder-task',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/alice'] },
      },
    });
    expect((await decide(taskCancelPermission, undefined)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  describe('catalog location registration', () => {
    it('is for privileged users by default', async () => {
      for (const permission of [
        catalogLocationCreatePermission,
        catalogLocationAnalyzePermission,
      ]) {
        expect((await decide(permission, developer)).result).toBe(
          AuthorizeResult.DENY,
        );
        expect((await decide(permission, engineer)).result).toBe(
          AuthorizeResult.ALLOW,
        );
      }
    });

    it('is for everyone when configured so', async () => {
      const open = EdpPermissionPolicy.fromConfig(
        new ConfigReader({
          edp: { permission: { locationRegistration: 'everyone' } },
        }),
      );
      expect(
        (await decide(catalogLocationCreatePermission, developer, open)).result,
      ).toBe(AuthorizeResult.ALLOW);
    });

    it('names the key of a value it does not know', () => {
      expect(() =>
        EdpPermissionPolicy.fromConfig(
          new ConfigReader({
            edp: { permission: { locationRegistration: 'anyone' } },
          }),
        ),
      ).toThrow(
        'edp.permission.locationRegistration must be "privileged" or "everyone", got "anyone"',
      );
    });
  });

  it('denies everything but reads to everyone when no group is configured', async () => {
    const closed = EdpPermissionPolicy.fromConfig(new ConfigReader({}));
    expect((await decide(sync, engineer, closed)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      (await decide(kubernetesProxyPermission, engineer, closed)).result,
    ).toBe(AuthorizeResult.DENY);
    expect((await decide(argocdRead, engineer, closed)).result).toBe(
      AuthorizeResult.ALLOW,
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
