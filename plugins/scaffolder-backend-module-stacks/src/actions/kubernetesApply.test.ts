import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestSandbox } from '@edp/sandbox';
import {
  sandboxConfig,
  TestSandbox,
  KUBE_TOKEN,
  stopSandbox,
} from '../__testUtils__/sandbox';
import { asPrivilegedUser } from '../__testUtils__/permissions';
import { createKubernetesApplyAction } from './kubernetesApply';

// Real stand-ins (git processes included) on a shared two-core machine: allow for slow moments.
jest.setTimeout(30_000);

const configMap = (ns: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  currency: ${value}\n`;

describe('edp:kubernetes:apply against the Kubernetes stand-in', () => {
  let sandbox: TestSandbox;
  let action: ReturnType<typeof createKubernetesApplyAction>;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes'], {
      services_config: { kubernetes: { workloadDelayMs: 50 } },
    } as any);
    action = createKubernetesApplyAction(
      asPrivilegedUser(sandboxConfig(sandbox)),
    );
  }, 60_000);
  afterAll(() => stopSandbox(sandbox));
  beforeEach(() => workspace.clear());

  const run = async (
    input: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock() as any,
    });
    // createMockActionContext does not copy isDryRun or signal.
    Object.assign(ctx, extra);
    await action.handler(ctx as any);
    return ctx;
  };
  const applied = (ctx: any) =>
    ctx.output.mock.calls.find((c: any[]) => c[0] === 'applied')[1];

  it('creates the namespace and the object, then changes nothing on a second run', async () => {
    const first = await run({
      manifests: configMap('shop', 'EUR'),
      createNamespace: true,
    });
    expect(applied(first)).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop', action: 'created' },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop',
        name: 'settings',
        action: 'created',
      },
    ]);
    const second = await run({
      manifests: configMap('shop', 'EUR'),
      createNamespace: true,
    });
    expect(applied(second)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'shop',
        name: 'settings',
        action: 'unchanged',
      },
    ]);
    const third = await run({ manifests: configMap('shop', 'USD') });
    expect(applied(third)[0].action).toBe('configured');
  });

  it('writes nothing in a dry run', async () => {
    const ctx = await run(
      { manifests: configMap('dry', 'EUR'), createNamespace: true },
      { isDryRun: true },
    );
    expect(applied(ctx).map((a: any) => a.action)).toEqual([
      'created',
      'created',
    ]);
    const res = await fetch(
      `${sandbox.endpoints.kubernetes.api}/api/v1/namespaces/dry`,
      {
        headers: { authorization: `Bearer ${KUBE_TOKEN}` },
      },
    );
    expect(res.status).toBe(404);
  });

  it('applies a workspace file and waits until the Deployment is Available', async () => {
    workspace.setContent({
      'manifests/app.yaml': [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: hello\n  template:\n    metadata:\n      labels:\n        app: hello\n    spec:\n      containers:\n        - name: hello\n          image: nginx',
      ].join('\n'),
    });
    const ctx = await run({
      manifestPath: 'manifests/app.yaml',
      namespace: 'default',
      wait: true,
      timeoutSeconds: 10,
    });
    expect(applied(ctx)[0]).toMatchObject({
      kind: 'Deployment',
      name: 'hello',
      action: 'created',
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Deployment default/hello: Available=True (MinimumReplicasAvailable)',
    );
  });

  it('refuses a manifestPath outside the workspace', async () => {
    fs.writeFileSync(
      path.join(workspace.path, '..', 'outside.yaml'),
      configMap('default', 'x'),
    );
    await expect(run({ manifestPath: '../outside.yaml' })).rejects.toThrow(
      /outside/i,
    );
  });

  it('names the document and line of malformed YAML', async () => {
    await expect(
      run({ manifests: `${configMap('default', 'a')}---\nkind: [oops\n` }),
    ).rejects.toThrow(/input "manifests", document 2 \(line \d+\)/);
  });

  it('names an unknown apiVersion/kind', async () => {
    await expect(
      run({
        manifests: {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
        },
      }),
    ).rejects.toThrow(/apiVersion "example.com\/v1" kind "Widget"/);
  });

  it('reports a conflict with another field manager with the field, and takes over with force', async () => {
    const url = `${sandbox.endpoints.kubernetes.api}/api/v1/namespaces/default/configmaps/owned?fieldManager=someone-else`;
    const res = await fetch(url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${KUBE_TOKEN}`,
        'content-type': 'application/apply-patch+yaml',
      },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'owned', namespace: 'default' },
        data: { color: 'red' },
      }),
    });
    expect(res.status).toBe(201);
    const mine = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owned', namespace: 'default' },
      data: { color: 'blue' },
    };
    await expect(run({ manifests: mine })).rejects.toThrow(
      /Conflict while applying ConfigMap default\/owned: field\(s\) .*data\.color/,
    );
    const forced = await run({ manifests: mine, force: true });
    expect(applied(forced)[0].action).toBe('configured');
  });

  it('explains a wrong token without printing it', async () => {
    const bad = createKubernetesApplyAction(
      asPrivilegedUser(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'sandbox',
                    url: sandbox.endpoints.kubernetes.api,
                    serviceAccountToken: 'wrong-token-123',
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
        }),
      ),
    );
    const ctx = createMockActionContext({
      input: { manifests: configMap('default', 'x') } as any,
      workspacePath: workspace.path,
    });
    const error = await bad.handler(ctx as any).catch(e => e);
    expect(error.message).toMatch(/Cluster "sandbox" refused|HTTP 401/);
    expect(error.message).not.toContain('wrong-token-123');
  });
});
