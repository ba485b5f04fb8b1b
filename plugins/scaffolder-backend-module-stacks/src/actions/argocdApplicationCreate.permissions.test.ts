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
import { createArgocdApplicationCreateAction } from './argocdApplicationCreate';

jest.setTimeout(30_000);

describe('edp:argocd:application:create permissions, audit and input checks', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  const run = async (
    input: Record<string, unknown>,
    allowed: string[],
    extra: Record<string, unknown> = {},
  ) => {
    const { auditor, events } = recordingAuditor();
    const action = createArgocdApplicationCreateAction({
      config: sandboxConfig(sandbox),
      permissions: permissionsAllowing(...allowed),
      auditor,
    });
    const ctx = createMockActionContext({
      input: {
        sourceRepoUrl: 'http://127.0.0.1:7101/platform/orders.git',
        destinationNamespace: 'orders',
        ...input,
      } as any,
      logger: mockServices.logger.mock() as any,
    });
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/alice');
    Object.assign(ctx, extra);
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e,
    );
    return { ctx, error, events };
  };
  const appExists = async (name: string) =>
    (
      await fetch(
        `${sandbox.endpoints.kubernetes.api}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${name}`,
        { headers: { authorization: `Bearer ${KUBE_TOKEN}` } },
      )
    ).status === 200;

  it.each([
    ['a dry run', { isDryRun: true }],
    ['a real run', {}],
  ])(
    'refuses %s without edp.argocd.application.create, creates nothing and audits the denial',
    async (_name, extra) => {
      const { error, events } = await run({ name: 'denied' }, [], extra);
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message:
          'The user who started this task may not create or update ArgoCD Applications (permission edp.argocd.application.create)',
      });
      expect(await appExists('denied')).toBe(false);
      expect(events).toEqual([
        expect.objectContaining({
          eventId: 'argocd-application-create',
          meta: expect.objectContaining({
            initiator: 'user:default/alice',
            application: 'argocd/denied',
            destinationNamespace: 'orders',
          }),
          outcome: 'fail',
        }),
      ]);
    },
  );

  it('creates the Application with the permission and audits the outcome', async () => {
    const { error, events } = await run({ name: 'allowed' }, [
      'edp.argocd.application.create',
    ]);
    expect(error).toBeUndefined();
    expect(await appExists('allowed')).toBe(true);
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'argocd-application-create',
        outcome: 'success',
        resultMeta: { cluster: 'sandbox', action: 'created' },
      }),
    ]);
  });

  it.each([
    [
      { destinationNamespace: '../kube-system' },
      /^Input "destinationNamespace" "..\/kube-system" is not a valid namespace name/,
    ],
    [
      { argocdNamespace: 'Argo CD' },
      /^Input "argocdNamespace" "Argo CD" is not a valid namespace name/,
    ],
  ])(
    'refuses %j with an InputError naming the field',
    async (input, message) => {
      const { error } = await run({ name: 'bad-input', ...input }, ['*']);
      expect(error).toMatchObject({ name: 'InputError' });
      expect(error.message).toMatch(message);
      expect(await appExists('bad-input')).toBe(false);
    },
  );
});
