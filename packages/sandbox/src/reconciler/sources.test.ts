import net from 'node:net';
import type { Sandbox } from '../host/sandbox';
import type { KubeStandInState } from '../kubernetes';
import { startTestSandbox } from '../testing';
import { TestRepo } from './__testUtils__/testRepo';

jest.setTimeout(30_000);

const FORGEJO_AUTH = { user: 'edp-bot', password: 'sandbox-forgejo-password' };

/** A repository as stacks keep them: a Kustomize base and overlay, a Helm chart folder, value files. */
const FILES = {
  'kustomize/base/kustomization.yaml': `resources: [config.yaml, deployment.yaml]
`,
  'kustomize/base/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: shop-config}
data: {mode: base}
`,
  'kustomize/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: shop, image: "shop:1.0"}]
`,
  'kustomize/overlays/dev/kustomization.yaml': `resources: [../../base]
namespace: shop-dev
namePrefix: dev-
labels:
  - pairs: {stage: dev}
    includeSelectors: true
images:
  - {name: shop, newTag: "1.1"}
patches:
  - path: replicas.yaml
  - target: {kind: ConfigMap, name: shop-config}
    patch: |
      - op: replace
        path: /data/mode
        value: dev
`,
  'kustomize/overlays/dev/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec: {replicas: 3}
`,
  'chart/Chart.yaml': `apiVersion: v2
name: greeter
version: 0.1.0
appVersion: "2.0"
`,
  'chart/values.yaml': `replicas: 1
greeting: hello
resources: {}
`,
  'chart/templates/_helpers.tpl': `{{/* helpers are not rendered on their own */}}
`,
  'chart/templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-greeter
  labels:
    chart: {{ .Chart.Name }}-{{ .Chart.Version }}
data:
  greeting: {{ .Values.greeting | quote }}
  version: {{ .Chart.AppVersion | quote }}
  {{- if .Values.extra }}
  extra: {{ .Values.extra | default "none" | quote }}
  {{- end }}
`,
  'chart/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  namespace: {{ .Release.Namespace }}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: greeter}}
  template:
    metadata: {labels: {app: greeter}}
    spec:
      containers:
        - name: greeter
          image: "greeter:{{ .Chart.AppVersion }}"
          resources: {{- toYaml .Values.resources | nindent 12 }}
`,
  'values/dev.yaml': `replicas: 2
greeting: hello from dev
extra: yes-please
resources:
  limits: {cpu: 100m}
`,
};

describe('ArgoCD stand-in rendering Kustomize, Helm and multi-source Applications', () => {
  let sandbox: Sandbox;
  let state: KubeStandInState;
  let repo: TestRepo;
  let repoURL: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes', 'argocd'], {
      services_config: {
        argocd: {
          store: 'kubernetes',
          reconciler: {
            reconcileDelayMs: 0,
            resyncIntervalMs: 60_000,
            fetchCacheMs: 0,
            git: {
              username: FORGEJO_AUTH.user,
              password: FORGEJO_AUTH.password,
            },
          },
          instances: { alpha: { seed: [] } },
        },
      },
    } as any);
    state = sandbox.standIns.get('kubernetes')!.state as KubeStandInState;
    const forgejo = sandbox.endpoints.forgejo.api;
    const created = await fetch(`${forgejo}/api/v1/user/repos`, {
      method: 'POST',
      headers: {
        Authorization: 'token sandbox-forgejo-token',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'sources-e2e', default_branch: 'main' }),
    });
    if (created.status !== 201)
      throw new Error(`creating the test repository failed: ${created.status}`);
    repoURL = `${forgejo}/edp-bot/sources-e2e.git`;
    repo = new TestRepo(repoURL, FORGEJO_AUTH);
    await repo.commitAndPush(FILES, 'stack sources');
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    repo?.remove();
  });

  const appType = () =>
    state.cluster.type('argoproj.io/v1alpha1', 'Application');
  const createApp = (
    name: string,
    spec: Record<string, unknown>,
    namespace = name,
  ) =>
    state.cluster.create(
      appType(),
      'argocd',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name },
        spec: {
          project: 'default',
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace,
          },
          syncPolicy: {
            automated: { selfHeal: true },
            syncOptions: ['CreateNamespace=true'],
          },
          ...spec,
        },
      },
      { fieldManager: 'test' },
    );
  const live = (apiVersion: string, kind: string, ns: string, name: string) =>
    state.cluster.find(state.cluster.type(apiVersion, kind), ns, name)!;
  async function until<T>(
    what: string,
    probe: () => T | undefined | false,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}: ${JSON.stringify(
            state.cluster
              .list(appType(), 'argocd')
              .items.map(a => [
                a.metadata.name,
                a.status?.sync?.status,
                a.status?.health?.status,
                a.status?.conditions?.[0]?.message,
              ]),
          )}`,
        );
      await new Promise(r => setTimeout(r, 25));
    }
  }
  const statusOf = (name: string) =>
    state.cluster.find(appType(), 'argocd', name)?.status;
  const healthy = (name: string) =>
    until(`${name} Synced+Healthy`, () => {
      const s = statusOf(name);
      return (
        s?.sync?.status === 'Synced' && s?.health?.status === 'Healthy' && s
      );
    });

  it('reports a Helm repository it cannot reach as ArgoCD does: a ComparisonError naming the chart repository', async () => {
    // A port nothing listens on.
    const closed = await new Promise<number>(resolve => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const chartRepo = `http://127.0.0.1:${closed}/charts`;
    createApp('unreachable-chart', {
      source: {
        repoURL: chartRepo,
        chart: 'nginx',
        targetRevision: '1.0.0',
      },
    });
    const status = await until('ComparisonError', () => {
      const s = statusOf('unreachable-chart');
      return s?.conditions?.[0]?.type === 'ComparisonError' && s;
    });
    expect(status.sync.status).toBe('Unknown');
    expect(status.conditions[0].message).toBe(
      `Failed to load target state: error fetching chart: failed to fetch chart: Error: looks like "${chartRepo}" is not a valid chart repository or cannot be reached: Get "${chartRepo}/index.yaml": ECONNREFUSED`,
    );
  });

  it('renders a Kustomize overlay: resources from the base, namespace, prefix, labels, images and both kinds of patch', async () => {
    createApp(
      'shop',
      {
        source: {
          repoURL,
          targetRevision: 'main',
          path: 'kustomize/overlays/dev',
        },
      },
      'shop-dev',
    );
    await healthy('shop');
    const deploy = live('apps/v1', 'Deployment', 'shop-dev', 'dev-shop');
    expect(deploy.spec.replicas).toBe(3);
    expect(deploy.metadata.labels).toEqual({ stage: 'dev' });
    expect(deploy.spec.selector.matchLabels).toEqual({
      app: 'shop',
      stage: 'dev',
    });
    expect(deploy.spec.template.spec.containers[0].image).toBe('shop:1.1');
    const cm = live('v1', 'ConfigMap', 'shop-dev', 'dev-shop-config');
    expect(cm.data).toEqual({ mode: 'dev' });
  });

  it('renders a Helm chart folder with its default values', async () => {
    createApp('greeter', {
      source: { repoURL, targetRevision: 'main', path: 'chart' },
    });
    await healthy('greeter');
    const cm = live('v1', 'ConfigMap', 'greeter', 'greeter-greeter');
    expect(cm.data).toEqual({ greeting: 'hello', version: '2.0' });
    expect(cm.metadata.labels.chart).toBe('greeter-0.1.0');
    expect(
      live('apps/v1', 'Deployment', 'greeter', 'greeter').spec.replicas,
    ).toBe(1);
  });

  it('renders a multi-source Application whose chart takes value files from another source through $ref', async () => {
    createApp('greeter-dev', {
      sources: [
        {
          repoURL,
          targetRevision: 'main',
          path: 'chart',
          helm: {
            releaseName: 'greeter',
            valueFiles: ['$config/values/dev.yaml'],
            parameters: [{ name: 'greeting', value: 'hello from a parameter' }],
          },
        },
        { repoURL, targetRevision: 'main', ref: 'config' },
      ],
    });
    await healthy('greeter-dev');
    const cm = live('v1', 'ConfigMap', 'greeter-dev', 'greeter-greeter');
    expect(cm.data).toEqual({
      greeting: 'hello from a parameter',
      version: '2.0',
      extra: 'yes-please',
    });
    const deploy = live('apps/v1', 'Deployment', 'greeter-dev', 'greeter');
    expect(deploy.spec.replicas).toBe(2);
    expect(deploy.spec.template.spec.containers[0].resources).toEqual({
      limits: { cpu: '100m' },
    });
  });

  it('names the source that fails in a multi-source Application', async () => {
    createApp('missing-ref', {
      sources: [
        {
          repoURL,
          targetRevision: 'main',
          path: 'chart',
          helm: { valueFiles: ['$nowhere/values/dev.yaml'] },
        },
        { repoURL, targetRevision: 'main', ref: 'config' },
      ],
    });
    const status = await until('ComparisonError', () => {
      const s = statusOf('missing-ref');
      return s?.conditions?.[0]?.type === 'ComparisonError' && s;
    });
    expect(status.conditions[0].message).toBe(
      'Failed to load target state: failed to generate manifest for source 1 of 2: value file $nowhere/values/dev.yaml: no source has ref "nowhere"',
    );
  });
});

describe('ArgoCD stand-in generating Applications from ApplicationSets', () => {
  let sandbox: Sandbox;
  let state: KubeStandInState;
  let repo: TestRepo;
  let repoURL: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes', 'argocd'], {
      services_config: {
        argocd: {
          store: 'kubernetes',
          reconciler: {
            reconcileDelayMs: 0,
            resyncIntervalMs: 500,
            fetchCacheMs: 0,
            git: {
              username: FORGEJO_AUTH.user,
              password: FORGEJO_AUTH.password,
            },
          },
          instances: { alpha: { seed: [] } },
        },
      },
    } as any);
    state = sandbox.standIns.get('kubernetes')!.state as KubeStandInState;
    const forgejo = sandbox.endpoints.forgejo.api;
    await fetch(`${forgejo}/api/v1/user/repos`, {
      method: 'POST',
      headers: {
        Authorization: 'token sandbox-forgejo-token',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'appsets-e2e', default_branch: 'main' }),
    });
    repoURL = `${forgejo}/edp-bot/appsets-e2e.git`;
    repo = new TestRepo(repoURL, FORGEJO_AUTH);
    await repo.commitAndPush(
      {
        'apps/cart/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cart}\ndata: {a: "1"}\n',
        'apps/orders/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: orders}\ndata: {a: "1"}\n',
        'apps/skip-me/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: skip}\n',
      },
      'apps',
    );
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    repo?.remove();
  });

  const type = (kind: string) =>
    state.cluster.type('argoproj.io/v1alpha1', kind);
  const owned = (uid: string) =>
    state.cluster
      .list(type('Application'), 'argocd')
      .items.filter(a =>
        (a.metadata.ownerReferences ?? []).some((r: any) => r.uid === uid),
      );
  async function until<T>(what: string, probe: () => T | undefined | false) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 25));
    }
  }

  it('generates one owned Application per git directory (matrix with a list), syncs them, and follows new directories', async () => {
    const set = state.cluster.create(
      type('ApplicationSet'),
      'argocd',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'apps' },
        spec: {
          generators: [
            {
              matrix: {
                generators: [
                  {
                    git: {
                      repoURL,
                      revision: 'main',
                      directories: [
                        { path: 'apps/*' },
                        { path: 'apps/skip-me', exclude: true },
                      ],
                    },
                  },
                  { list: { elements: [{ env: 'dev' }] } },
                ],
              },
            },
          ],
          template: {
            metadata: {
              name: '{{path.basename}}-{{env}}',
              labels: { 'edp.io/stack': 'shop' },
            },
            spec: {
              project: 'default',
              source: { repoURL, targetRevision: 'main', path: '{{path}}' },
              destination: {
                server: 'https://kubernetes.default.svc',
                namespace: '{{path.basename}}-{{env}}',
              },
              syncPolicy: {
                automated: {},
                syncOptions: ['CreateNamespace=true'],
              },
            },
          },
        },
      },
      { fieldManager: 'test' },
    );
    const apps = await until(
      'two generated Applications',
      () => owned(set.metadata.uid).length === 2 && owned(set.metadata.uid),
    );
    expect(apps.map(a => a.metadata.name).sort()).toEqual([
      'cart-dev',
      'orders-dev',
    ]);
    expect(apps[0].metadata.labels).toEqual({ 'edp.io/stack': 'shop' });
    await until('orders synced', () =>
      state.cluster.find(
        state.cluster.type('v1', 'ConfigMap'),
        'orders-dev',
        'orders',
      ),
    );
    const status = state.cluster.find(
      type('ApplicationSet'),
      'argocd',
      'apps',
    )!.status;
    expect(status.conditions).toContainEqual(
      expect.objectContaining({ type: 'ResourcesUpToDate', status: 'True' }),
    );

    await repo.commitAndPush(
      {
        'apps/billing/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: billing}\n',
        'apps/cart/cm.yaml': null,
      },
      'billing in, cart out',
    );
    await until('billing in, cart out', () => {
      const names = owned(set.metadata.uid)
        .map(a => a.metadata.name)
        .sort();
      return names.join() === 'billing-dev,orders-dev';
    });
  });

  it('reports a generator it cannot use in the ErrorOccurred condition', async () => {
    state.cluster.create(
      type('ApplicationSet'),
      'argocd',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'broken' },
        spec: {
          generators: [
            {
              git: {
                repoURL: `${repoURL}-missing`,
                directories: [{ path: '*' }],
              },
            },
          ],
          template: { metadata: { name: 'x' }, spec: {} },
        },
      },
      { fieldManager: 'test' },
    );
    const condition = await until('ErrorOccurred', () =>
      state.cluster
        .find(type('ApplicationSet'), 'argocd', 'broken')
        ?.status?.conditions?.find(
          (c: any) => c.type === 'ErrorOccurred' && c.status === 'True',
        ),
    );
    expect(condition.message).toMatch(/git clone failed/);
  });
});
