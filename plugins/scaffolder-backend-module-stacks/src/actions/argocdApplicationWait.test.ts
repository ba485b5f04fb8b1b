import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { permissionsAllowing } from '../__testUtils__/permissions';
import { createArgocdApplicationWaitAction } from './argocdApplicationWait';

jest.setTimeout(30_000);

/** The wait's early failure and progress reports, against Applications whose status the test writes as ArgoCD would. */
describe('edp:argocd:application:wait reporting ArgoCD conditions', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));

  const cluster = () =>
    (sandbox.standIns.get('kubernetes')!.state as any).cluster;
  const type = () => cluster().type('argoproj.io/v1alpha1', 'Application');

  /** Creates (or replaces) an Application with the given status, as ArgoCD's controller writes it. */
  const writeApp = (name: string, status: Record<string, unknown>) => {
    const existing = cluster().find(type(), 'argocd', name);
    if (!existing) {
      cluster().create(
        type(),
        'argocd',
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name },
          spec: {
            project: 'default',
            source: { repoURL: 'https://charts.example.invalid', chart: 'x' },
            destination: { server: 'https://kubernetes.default.svc' },
          },
        },
        { fieldManager: 'test' },
      );
    }
    const current = cluster().find(type(), 'argocd', name);
    cluster().update(
      type(),
      'argocd',
      name,
      { ...current, status },
      { subresource: 'status', fieldManager: 'argocd-application-controller' },
    );
  };
  const comparisonError = {
    sync: { status: 'Unknown' },
    health: { status: 'Healthy' },
    conditions: [
      {
        type: 'ComparisonError',
        message:
          'Failed to load target state: error fetching chart: Error: looks like "https://charts.example.invalid" is not a valid chart repository or cannot be reached',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  };

  const run = async (
    input: Record<string, unknown>,
    options: { allowed?: string[]; isDryRun?: boolean } = {},
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      logger: mockServices.logger.mock() as any,
      isDryRun: options.isDryRun,
    });
    const action = createArgocdApplicationWaitAction({
      config: sandboxConfig(sandbox),
      permissions: permissionsAllowing(...(options.allowed ?? ['*'])),
    });
    const started = Date.now();
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e as Error,
    );
    return {
      error,
      ms: Date.now() - started,
      logged: (ctx.logger.info as jest.Mock).mock.calls.map(c => c[0]),
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    };
  };

  it("fails after the grace period, long before the timeout, quoting ArgoCD's ComparisonError", async () => {
    writeApp('unreachable-chart', comparisonError);
    const { error, ms, outputs } = await run({
      name: 'unreachable-chart',
      timeoutSeconds: 120,
      failureGraceSeconds: 1,
    });
    expect(error?.message).toMatch(
      /^Application argocd\/unreachable-chart failed: ArgoCD reports ComparisonError: Failed to load target state: error fetching chart: .*"https:\/\/charts\.example\.invalid" is not a valid chart repository/,
    );
    expect(ms).toBeLessThan(10_000);
    expect(outputs.applications).toEqual([
      expect.objectContaining({
        name: 'unreachable-chart',
        sync: 'Unknown',
        message: expect.stringContaining('ComparisonError: Failed to load'),
      }),
    ]);
  });

  it('fails on a Failed sync with its operation message', async () => {
    writeApp('failed-sync', {
      sync: { status: 'OutOfSync' },
      health: { status: 'Degraded' },
      operationState: {
        operation: { sync: { revision: 'main' } },
        startedAt: '2026-01-01T00:00:00Z',
        phase: 'Failed',
        message:
          'one or more objects failed to apply, reason: namespaces "x" not found',
      },
    });
    const { error } = await run({
      name: 'failed-sync',
      timeoutSeconds: 60,
      failureGraceSeconds: 0,
    });
    expect(error?.message).toContain(
      'ArgoCD reports sync Failed: one or more objects failed to apply, reason: namespaces "x" not found',
    );
  });

  it('rides out an error shorter than the grace period, and reports progress with the newest condition', async () => {
    writeApp('transient', comparisonError);
    setTimeout(
      () =>
        writeApp('transient', {
          sync: { status: 'Synced' },
          health: { status: 'Healthy' },
        }),
      1500,
    );
    const { error, logged, outputs } = await run({
      name: 'transient',
      timeoutSeconds: 30,
      failureGraceSeconds: 10,
      reportIntervalSeconds: 1,
    });
    expect(error).toBeUndefined();
    expect(outputs.applications).toEqual([
      {
        name: 'transient',
        namespace: 'argocd',
        sync: 'Synced',
        health: 'Healthy',
      },
    ]);
    expect(logged[0]).toMatch(
      /^Application argocd\/transient: Unknown\/Healthy \(ComparisonError: Failed to load target state/,
    );
    expect(logged).toContainEqual(
      expect.stringMatching(
        /^Waiting for 1 of 1 Application\(s\) after \ds: transient Unknown\/Healthy \(ComparisonError: /,
      ),
    );
    expect(logged).toContain('Application argocd/transient: Synced/Healthy');
  });
  it.each([
    ['a run', false],
    ['a dry-run', true],
  ])(
    'refuses %s to a user without edp.argocd.application.read before reading anything',
    async (_label, isDryRun) => {
      writeApp('guarded', {
        sync: { status: 'Synced' },
        health: { status: 'Healthy' },
      });
      const { error, logged, outputs } = await run(
        { name: 'guarded', timeoutSeconds: 5 },
        { allowed: ['edp.argocd.application.create'], isDryRun },
      );
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message:
          'The user who started this task may not read the status of ArgoCD Applications (permission edp.argocd.application.read)',
      });
      expect(logged).toEqual([]);
      expect(outputs).toEqual({});
    },
  );
});
