import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  KUBE_TOKEN,
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { asPrivilegedUser } from '../__testUtils__/permissions';
import { setApplicationStatus } from '../__testUtils__/applicationStatus';
import {
  buildApplication,
  createArgocdApplicationCreateAction,
} from './argocdApplicationCreate';
import { createArgocdApplicationWaitAction } from './argocdApplicationWait';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

describe('edp:argocd:application:create and :wait against the Kubernetes stand-in', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  const run = async (
    action: any,
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      logger: mockServices.logger.mock() as any,
    });
    Object.assign(ctx, extra);
    await action.handler(ctx);
    return {
      ctx,
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  };
  const readApp = async (name: string) =>
    (
      await fetch(
        `${sandbox.endpoints.kubernetes.api}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${name}`,
        {
          headers: { authorization: `Bearer ${KUBE_TOKEN}` },
        },
      )
    ).json();

  it('builds an Application with automated sync and CreateNamespace=true by default', () => {
    const app: any = buildApplication({
      name: 'orders',
      sourceRepoUrl: 'http://git/orders.git',
      destinationNamespace: 'orders',
    });
    expect(app.spec.syncPolicy).toEqual({
      automated: { prune: false, selfHeal: true },
      syncOptions: ['CreateNamespace=true'],
    });
    expect(app.spec.source).toEqual({
      repoURL: 'http://git/orders.git',
      path: '.',
      targetRevision: 'HEAD',
    });
    expect(app.spec.destination.server).toBe('https://kubernetes.default.svc');
    const manual: any = buildApplication({
      name: 'o',
      sourceRepoUrl: 'x',
      destinationNamespace: 'o',
      automated: false,
      createNamespace: false,
    });
    expect(manual.spec.syncPolicy).toEqual({});
  });

  it('creates the Application, then reports unchanged and configured on later runs', async () => {
    const create = createArgocdApplicationCreateAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    const input = {
      name: 'orders',
      sourceRepoUrl: 'http://127.0.0.1:7101/platform/orders.git',
      path: 'deploy',
      destinationNamespace: 'orders',
      labels: { 'app.kubernetes.io/part-of': 'orders' },
    };
    expect((await run(create, input)).outputs).toEqual({
      name: 'orders',
      namespace: 'argocd',
      action: 'created',
    });
    const app = await readApp('orders');
    expect(app.metadata.labels['app.kubernetes.io/part-of']).toBe('orders');
    expect(app.spec.syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
    expect((await run(create, input)).outputs.action).toBe('unchanged');
    expect(
      (await run(create, { ...input, targetRevision: 'main' })).outputs.action,
    ).toBe('configured');
  });

  it('writes nothing in a dry run', async () => {
    const create = createArgocdApplicationCreateAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    const { outputs } = await run(
      create,
      {
        name: 'dry-app',
        sourceRepoUrl: 'http://git/x.git',
        destinationNamespace: 'x',
      },
      { isDryRun: true },
    );
    expect(outputs.action).toBe('created');
    expect((await readApp('dry-app')).code).toBe(404);
  });

  it('waits until Synced and Healthy, logging each state change', async () => {
    const create = createArgocdApplicationCreateAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    await run(create, {
      name: 'waited',
      sourceRepoUrl: 'http://git/w.git',
      destinationNamespace: 'w',
    });
    setApplicationStatus(sandbox, 'waited', 'OutOfSync', 'Missing');
    const later = setTimeout(
      () => setApplicationStatus(sandbox, 'waited', 'Synced', 'Healthy'),
      600,
    );
    const wait = createArgocdApplicationWaitAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    const { ctx, outputs } = await run(wait, {
      name: 'waited',
      timeoutSeconds: 10,
    });
    clearTimeout(later);
    expect(outputs.applications).toEqual([
      {
        name: 'waited',
        namespace: 'argocd',
        sync: 'Synced',
        health: 'Healthy',
      },
    ]);
    const logged = (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]);
    expect(logged).toEqual(
      expect.arrayContaining([
        'Application argocd/waited: OutOfSync/Missing',
        'Application argocd/waited: Synced/Healthy',
      ]),
    );
  });

  it('fails at the timeout with the state reached, and outputs it', async () => {
    const create = createArgocdApplicationCreateAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    await run(create, {
      name: 'stuck',
      sourceRepoUrl: 'http://git/s.git',
      destinationNamespace: 's',
    });
    setApplicationStatus(sandbox, 'stuck', 'Synced', 'Degraded');
    const wait = createArgocdApplicationWaitAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    const ctx = createMockActionContext({
      input: { names: ['stuck', 'orders'], timeoutSeconds: 1 } as any,
      logger: mockServices.logger.mock() as any,
    });
    setApplicationStatus(sandbox, 'orders', 'Synced', 'Healthy');
    await expect(wait.handler(ctx as any)).rejects.toThrow(
      /Timed out after 1s with 1 of 2 not ready\. State so far: Application argocd\/stuck: Synced\/Degraded; Application argocd\/orders: Synced\/Healthy \(ready\)/,
    );
    expect((ctx.output as jest.Mock).mock.calls[0][1]).toEqual([
      {
        name: 'stuck',
        namespace: 'argocd',
        sync: 'Synced',
        health: 'Degraded',
      },
      {
        name: 'orders',
        namespace: 'argocd',
        sync: 'Synced',
        health: 'Healthy',
      },
    ]);
  });

  it('stops waiting when the task is cancelled', async () => {
    const wait = createArgocdApplicationWaitAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expect(
      run(
        wait,
        { name: 'never-there', timeoutSeconds: 60 },
        { signal: controller.signal },
      ),
    ).rejects.toThrow(/cancelled|abort/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
