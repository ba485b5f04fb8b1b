import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  KUBE_TOKEN,
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { permissionsAllowing } from '../__testUtils__/permissions';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { createKubernetesApplyAction } from './kubernetesApply';

// Real stand-ins on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

const configMap = (ns: string, name = 'settings') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data: { a: 'b' },
});
const secret = (ns: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'stolen', namespace: ns },
  stringData: { token: 'x' },
});

describe('edp:kubernetes:apply permissions, audit and input checks', () => {
  let sandbox: TestSandbox;
  let config: ConfigReader;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
    config = ConfigReader.fromConfigs([
      { context: 'sandbox', data: sandboxConfig(sandbox).get() as any },
      {
        context: 'allowlist',
        data: {
          edp: { kubernetes: { namespaceAllowlist: ['team-*', 'default'] } },
        },
      },
    ]);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  /** Runs the action as alice, who holds the `allowed` permissions. */
  const run = async (
    input: Record<string, unknown>,
    allowed: string[],
    extra: Record<string, unknown> = {},
  ) => {
    const { auditor, events } = recordingAuditor();
    const permissions = permissionsAllowing(...allowed);
    const action = createKubernetesApplyAction({
      config,
      permissions,
      auditor,
    });
    const ctx = createMockActionContext({
      input: input as any,
      logger: mockServices.logger.mock() as any,
    });
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/alice');
    Object.assign(ctx, extra);
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e,
    );
    return { ctx, error, events, permissions };
  };
  const exists = async (path: string) =>
    (
      await fetch(`${sandbox.endpoints.kubernetes.api}${path}`, {
        headers: { authorization: `Bearer ${KUBE_TOKEN}` },
      })
    ).status === 200;

  describe('without edp.kubernetes.apply', () => {
    it.each([
      ['a dry run', { isDryRun: true }],
      ['a real run', {}],
    ])(
      'refuses %s with NotAllowedError and changes nothing',
      async (_name, extra) => {
        const { error, events, permissions } = await run(
          { manifests: [configMap('team-denied')], createNamespace: true },
          [],
          extra,
        );
        expect(error).toMatchObject({
          name: 'NotAllowedError',
          message:
            'The user who started this task may not apply Kubernetes manifests (permission edp.kubernetes.apply)',
        });
        expect(permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: expect.objectContaining({
                name: 'edp.kubernetes.apply',
              }),
            },
          ],
          { credentials: mockCredentials.user('user:default/alice') },
        );
        expect(await exists('/api/v1/namespaces/team-denied')).toBe(false);
        expect(events).toEqual([
          expect.objectContaining({
            eventId: 'kubernetes-apply',
            severityLevel: 'medium',
            meta: expect.objectContaining({
              initiator: 'user:default/alice',
              dryRun: 'isDryRun' in extra,
            }),
            outcome: 'fail',
            error: expect.stringMatching(/^NotAllowedError/),
          }),
        ]);
      },
    );
  });

  describe('with edp.kubernetes.apply only', () => {
    const applyOnly = ['edp.kubernetes.apply'];

    it('applies objects in allowlisted namespaces and audits what it applied', async () => {
      const { error, events } = await run(
        { manifests: [configMap('team-a')], createNamespace: true },
        applyOnly,
      );
      expect(error).toBeUndefined();
      expect(
        await exists('/api/v1/namespaces/team-a/configmaps/settings'),
      ).toBe(true);
      expect(events).toEqual([
        expect.objectContaining({
          eventId: 'kubernetes-apply',
          meta: expect.objectContaining({ initiator: 'user:default/alice' }),
          outcome: 'success',
          resultMeta: {
            cluster: 'sandbox',
            objects: [
              'Namespace team-a created',
              'ConfigMap team-a/settings created',
            ],
          },
        }),
      ]);
    });

    it.each([
      ['a Secret', [secret('team-b')], /Secret team-b\/stolen \(Secret\)/],
      [
        'an object outside the namespace allowlist',
        [configMap('kube-system')],
        /ConfigMap kube-system\/settings \(namespace "kube-system" is not in edp.kubernetes.namespaceAllowlist\)/,
      ],
      [
        'a cluster-scoped kind',
        [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-c' } }],
        /Namespace team-c \(cluster-scoped\)/,
      ],
    ])(
      'refuses %s, in a dry run too, before changing anything in the batch',
      async (_name, objects, reason) => {
        for (const extra of [{ isDryRun: true }, {}]) {
          const { error } = await run(
            {
              manifests: [configMap('team-b', 'harmless'), ...objects],
              createNamespace: true,
            },
            applyOnly,
            extra,
          );
          expect(error).toMatchObject({ name: 'NotAllowedError' });
          expect(error.message).toMatch(reason);
          expect(error.message).toMatch(
            /permission edp.kubernetes.apply.privileged/,
          );
        }
        expect(await exists('/api/v1/namespaces/team-b')).toBe(false);
        expect(await exists('/api/v1/namespaces/team-c')).toBe(false);
      },
    );
  });

  it('applies a Secret in kube-system for a user holding edp.kubernetes.apply.privileged', async () => {
    const { error } = await run({ manifests: [secret('kube-system')] }, [
      'edp.kubernetes.apply',
      'edp.kubernetes.apply.privileged',
    ]);
    expect(error).toBeUndefined();
    expect(await exists('/api/v1/namespaces/kube-system/secrets/stolen')).toBe(
      true,
    );
  });

  describe('bad input is an InputError naming the field', () => {
    const everything = ['*'];

    it('refuses a YAML alias bomb in manifests', async () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: bomb }',
      ].join('\n');
      const { error } = await run({ manifests: bomb }, everything);
      expect(error).toMatchObject({ name: 'InputError' });
      expect(error.message).toMatch(
        /^input "manifests", document 1.*too many YAML aliases \(Excessive alias count/,
      );
    });

    it.each([
      [
        { namespace: '../kube-system' },
        /^Input "namespace" "..\/kube-system" is not a valid namespace name/,
      ],
      [
        { manifests: [configMap('../kube-system')] },
        /^input "manifests", item 1: metadata.namespace "..\/kube-system" is not a valid namespace name/,
      ],
      [
        { manifests: [configMap('default', '../../secrets/x')] },
        /^input "manifests", item 1: metadata.name "..\/..\/secrets\/x" may not/,
      ],
    ])('refuses %j', async (input, message) => {
      const { error } = await run(
        { manifests: [configMap('default')], ...input },
        everything,
      );
      expect(error).toMatchObject({ name: 'InputError' });
      expect(error.message).toMatch(message);
    });
  });
});
