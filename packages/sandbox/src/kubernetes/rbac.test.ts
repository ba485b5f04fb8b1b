import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import { startTestSandbox } from '../testing';
import { hasKubectl, kubectlFor } from './__testUtils__/kubectl';
import { kubeConfigFor, statusOf } from './__testUtils__/kubeConfig';

const SA = 'system:serviceaccount:team:deployer';

/** A namespace `team` whose service account `deployer` may get (only get) secrets there. */
async function grantSecretReader(kc: k8s.KubeConfig) {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name: 'team' } } });
  for (const namespace of ['team', 'default'])
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'db' }, stringData: { password: 'p' } },
    });
  await core.createNamespacedServiceAccount({
    namespace: 'team',
    body: { metadata: { name: 'deployer' } },
  });
  await rbac.createNamespacedRole({
    namespace: 'team',
    body: {
      metadata: { name: 'secret-reader' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: 'team',
    body: {
      metadata: { name: 'deployer-reads-secrets' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'secret-reader',
      },
      subjects: [
        { kind: 'ServiceAccount', name: 'deployer', namespace: 'team' },
      ],
    },
  });
  const issued = await core.createNamespacedServiceAccountToken({
    namespace: 'team',
    name: 'deployer',
    body: { spec: { audiences: [] } },
  });
  return issued.status!.token;
}

describe('RBAC: a service account may do what its roles grant, nothing else', () => {
  let sandbox: Sandbox;
  let admin: k8s.KubeConfig;
  let token: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    admin = kubeConfigFor(sandbox.endpoints.kubernetes.api);
    token = await grantSecretReader(admin);
  });
  afterAll(() => sandbox?.stop());

  it('allows the granted verb in the bound namespace and refuses the rest with the API server texts', async () => {
    const core = kubeConfigFor(
      sandbox.endpoints.kubernetes.api,
      token,
    ).makeApiClient(k8s.CoreV1Api);
    const secret = await core.readNamespacedSecret({
      name: 'db',
      namespace: 'team',
    });
    expect(secret.metadata?.name).toBe('db');

    const elsewhere = await statusOf(
      core.readNamespacedSecret({ name: 'db', namespace: 'default' }),
    );
    expect(elsewhere).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: `secrets "db" is forbidden: User "${SA}" cannot get resource "secrets" in API group "" in the namespace "default"`,
      details: { name: 'db', kind: 'secrets' },
    });
    expect(
      (await statusOf(core.listNamespacedSecret({ namespace: 'team' })))
        .message,
    ).toBe(
      `secrets is forbidden: User "${SA}" cannot list resource "secrets" in API group "" in the namespace "team"`,
    );
    expect(
      (
        await statusOf(
          core.deleteNamespacedSecret({ name: 'db', namespace: 'team' }),
        )
      ).message,
    ).toBe(
      `secrets "db" is forbidden: User "${SA}" cannot delete resource "secrets" in API group "" in the namespace "team"`,
    );
    expect((await statusOf(core.listNamespace())).message).toBe(
      `namespaces is forbidden: User "${SA}" cannot list resource "namespaces" in API group "" at the cluster scope`,
    );
  });

  it('answers SelfSubjectAccessReview with the same evaluation, and SubjectAccessReview for another subject', async () => {
    const self = kubeConfigFor(
      sandbox.endpoints.kubernetes.api,
      token,
    ).makeApiClient(k8s.AuthorizationV1Api);
    const ask = async (namespace: string, verb: string) =>
      (
        await self.createSelfSubjectAccessReview({
          body: {
            spec: {
              resourceAttributes: { namespace, verb, resource: 'secrets' },
            },
          },
        })
      ).status;
    expect(await ask('team', 'get')).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "deployer-reads-secrets/team" of Role "secret-reader/team" to ServiceAccount "deployer/team"',
    });
    expect((await ask('team', 'list'))?.allowed).toBe(false);
    expect((await ask('default', 'get'))?.allowed).toBe(false);

    const sar = await admin
      .makeApiClient(k8s.AuthorizationV1Api)
      .createSubjectAccessReview({
        body: {
          spec: {
            user: SA,
            groups: ['system:serviceaccounts'],
            resourceAttributes: {
              namespace: 'team',
              verb: 'get',
              resource: 'secrets',
            },
          },
        },
      });
    expect(sar.status?.allowed).toBe(true);
  });

  it('lets RBAC objects change the answer at once (a binding removed takes the grant away)', async () => {
    const rbac = admin.makeApiClient(k8s.RbacAuthorizationV1Api);
    await rbac.deleteNamespacedRoleBinding({
      name: 'deployer-reads-secrets',
      namespace: 'team',
    });
    const core = kubeConfigFor(
      sandbox.endpoints.kubernetes.api,
      token,
    ).makeApiClient(k8s.CoreV1Api);
    expect(
      (
        await statusOf(
          core.readNamespacedSecret({ name: 'db', namespace: 'team' }),
        )
      ).code,
    ).toBe(403);
  });
});

(hasKubectl ? describe : describe.skip)(
  'RBAC through kubectl (auth can-i, --as)',
  () => {
    jest.setTimeout(60_000);
    let sandbox: Sandbox;
    let k: ReturnType<typeof kubectlFor>;
    let reader: ReturnType<typeof kubectlFor>;
    let token: string;

    beforeAll(async () => {
      sandbox = await startTestSandbox(['kubernetes'], {
        services_config: { kubernetes: { readOnlyToken: 'reader-token' } },
      } as any);
      token = await grantSecretReader(
        kubeConfigFor(sandbox.endpoints.kubernetes.api),
      );
      k = kubectlFor(sandbox);
      reader = kubectlFor(sandbox, 'reader-token');
    });
    afterAll(async () => {
      await sandbox?.stop();
      k?.cleanup();
      reader?.cleanup();
    });

    const canI = async (...args: string[]) =>
      (await k.kubectl('auth', 'can-i', ...args)).stdout.trim();

    it('answers auth can-i for the token and for an impersonated service account alike', async () => {
      expect(
        (
          await k.kubectl(
            '--token',
            token,
            'auth',
            'can-i',
            'get',
            'secrets',
            '-n',
            'team',
          )
        ).stdout.trim(),
      ).toBe('yes');
      expect(await canI('get', 'secrets', '-n', 'team', `--as=${SA}`)).toBe(
        'yes',
      );
      expect(await canI('get', 'secrets', '-n', 'default', `--as=${SA}`)).toBe(
        'no',
      );
      expect(await canI('delete', 'secrets', '-n', 'team', `--as=${SA}`)).toBe(
        'no',
      );
      const list = await k.kubectl(
        'auth',
        'can-i',
        '--list',
        '-n',
        'team',
        `--as=${SA}`,
      );
      expect(list.stdout).toMatch(/^secrets\s+\[\]\s+\[\]\s+\[get\]$/m);
      expect(list.stdout).toMatch(
        /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m,
      );
    });

    it('grants a user through a ClusterRoleBinding, and kubectl --as acts with it', async () => {
      expect(await canI('list', 'pods', '-n', 'default', '--as=alice')).toBe(
        'no',
      );
      expect(
        (
          await k.kubectl(
            'create',
            'clusterrole',
            'pod-reader',
            '--verb=get,list',
            '--resource=pods',
          )
        ).code,
      ).toBe(0);
      expect(
        (
          await k.kubectl(
            'create',
            'clusterrolebinding',
            'alice-reads-pods',
            '--clusterrole=pod-reader',
            '--user=alice',
          )
        ).code,
      ).toBe(0);
      expect(await canI('list', 'pods', '-n', 'default', '--as=alice')).toBe(
        'yes',
      );
      expect(
        (await k.kubectl('get', 'pods', '-n', 'default', '--as=alice')).stderr,
      ).toBe('No resources found in default namespace.\n');
      expect(
        (await k.kubectl('get', 'secrets', '-n', 'default', '--as=alice'))
          .stderr,
      ).toBe(
        'Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"\n',
      );
    });

    it('keeps the bootstrap policy: the admin token may do everything, the read-only one read, and only the admin impersonate', async () => {
      expect(await canI('*', '*')).toBe('yes');
      expect(
        (
          await reader.kubectl('auth', 'can-i', 'list', 'secrets', '-A')
        ).stdout.trim(),
      ).toBe('yes');
      expect(
        (await reader.kubectl('auth', 'can-i', 'create', 'pods')).stdout.trim(),
      ).toBe('no');
      const impersonating = await reader.kubectl('get', 'pods', '--as=alice');
      expect(impersonating.stderr).toBe(
        'Error from server (Forbidden): users "alice" is forbidden: User "sandbox-reader" cannot impersonate resource "users" in API group "" at the cluster scope\n',
      );
    });
  },
);
