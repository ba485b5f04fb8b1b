import * as k8s from '@kubernetes/client-node';
import type { Sandbox } from '../host/sandbox';
import type { KubeStandInState } from '../kubernetes';
import { kubeConfigFor } from '../kubernetes/__testUtils__/kubeConfig';
import { startTestSandbox } from '../testing';
import { TestRepo } from './__testUtils__/testRepo';

// Real stand-ins (git processes, the CRD schema validators compiled on first use) on a shared
// two-core machine: allow for slow moments.
jest.setTimeout(30_000);

const FORGEJO_AUTH = { user: 'edp-bot', password: 'sandbox-forgejo-password' };
const DELAY_MS = 400;

const MANIFESTS = {
  'deploy/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
`,
  'deploy/workloads/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
`,
  'README.md': 'not a manifest\n',
};

const application = (
  name: string,
  repoURL: string,
  extra: {
    namespace: string;
    automated?: boolean;
    createNamespace?: boolean;
    path?: string;
  },
) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: {
    name,
    namespace: 'argocd',
    finalizers: ['resources-finalizer.argocd.argoproj.io'],
  },
  spec: {
    project: 'default',
    source: { repoURL, targetRevision: 'main', path: extra.path ?? 'deploy' },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: extra.namespace,
    },
    syncPolicy: {
      ...(extra.automated === false
        ? {}
        : { automated: { prune: true, selfHeal: true } }),
      syncOptions:
        extra.createNamespace === false ? [] : ['CreateNamespace=true'],
    },
  },
});

describe('ArgoCD reconciling Applications from the Kubernetes stand-in', () => {
  let sandbox: Sandbox;
  let objects: k8s.KubernetesObjectApi;
  let state: KubeStandInState;
  let repo: TestRepo;
  let repoURL: string;
  let firstCommit: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes', 'argocd'], {
      services_config: {
        argocd: {
          store: 'kubernetes',
          reconciler: {
            reconcileDelayMs: DELAY_MS,
            resyncIntervalMs: 60_000,
            fetchCacheMs: 0,
            git: {
              username: FORGEJO_AUTH.user,
              password: FORGEJO_AUTH.password,
            },
          },
          instances: {
            alpha: {
              seed: [],
              users: [
                { username: 'admin', password: 'sandbox-argocd-password' },
              ],
            },
          },
        },
      },
    } as any);
    state = sandbox.standIns.get('kubernetes')!.state as KubeStandInState;
    objects = k8s.KubernetesObjectApi.makeApiClient(
      kubeConfigFor(sandbox.endpoints.kubernetes.api),
    );
    const forgejo = sandbox.endpoints.forgejo.api;
    const created = await fetch(`${forgejo}/api/v1/user/repos`, {
      method: 'POST',
      headers: {
        Authorization: 'token sandbox-forgejo-token',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        name: 'reconcile-e2e',
        private: true,
        default_branch: 'main',
      }),
    });
    if (created.status !== 201)
      throw new Error(
        `creating the test repository failed: ${
          created.status
        } ${await created.text()}`,
      );
    repoURL = `${forgejo}/edp-bot/reconcile-e2e.git`;
    repo = new TestRepo(repoURL, FORGEJO_AUTH);
    firstCommit = await repo.commitAndPush(MANIFESTS, 'first version');
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    repo?.remove();
  });

  const app = (name: string) =>
    state.cluster.find(
      state.cluster.type('argoproj.io/v1alpha1', 'Application'),
      'argocd',
      name,
    );
  const live = (apiVersion: string, kind: string, ns: string, name: string) =>
    state.cluster.find(state.cluster.type(apiVersion, kind), ns, name);
  async function until<T>(
    what: string,
    probe: () => T | undefined | false,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) {
        const apps = state.cluster.list(
          state.cluster.type('argoproj.io/v1alpha1', 'Application'),
          'argocd',
        ).items;
        throw new Error(
          `timed out waiting for ${what}; applications: ${JSON.stringify(
            apps.map(a => [a.metadata.name, a.status]),
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 25));
    }
  }
  const apply = (obj: Record<string, any>) =>
    objects.patch(
      obj as k8s.KubernetesObject,
      undefined,
      undefined,
      'edp-test',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );

  it('syncs an Application created through client-node: Progressing during the delay, then Synced and Healthy with history', async () => {
    await apply(application('web', repoURL, { namespace: 'web-prod' }));
    const progressing = await until(
      'Progressing',
      () => app('web')?.status?.health?.status === 'Progressing' && Date.now(),
    );
    const done = await until('Synced+Healthy', () => {
      const s = app('web')?.status;
      return (
        s?.sync?.status === 'Synced' &&
        s?.health?.status === 'Healthy' &&
        s.operationState?.phase === 'Succeeded' &&
        s
      );
    });
    expect(Date.now() - progressing).toBeGreaterThanOrEqual(DELAY_MS - 100);
    expect(done.sync.revision).toBe(firstCommit);
    expect(done.history).toEqual([
      expect.objectContaining({
        id: 0,
        revision: firstCommit,
        source: expect.objectContaining({ repoURL }),
      }),
    ]);
    expect(
      done.operationState.syncResult.resources
        .map((r: any) => `${r.kind}/${r.name}:${r.status}`)
        .sort(),
    ).toEqual([
      'ConfigMap/web-config:Synced',
      'Deployment/web:Synced',
      'Service/web:Synced',
    ]);
    expect(live('v1', 'Namespace', '', 'web-prod')).toBeDefined();
    expect(live('v1', 'ConfigMap', 'web-prod', 'web-config')?.data).toEqual({
      greeting: 'hello',
    });
    expect(
      live('apps/v1', 'Deployment', 'web-prod', 'web')?.metadata.annotations[
        'argocd.argoproj.io/tracking-id'
      ],
    ).toBe('web:apps/Deployment:web-prod/web');
    expect(app('web')?.operation).toBeUndefined();
  });

  it('serves the reconciled Application through the ArgoCD API', async () => {
    const argocd = sandbox.endpoints.argocd.alpha;
    const session = await fetch(`${argocd}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: 'admin',
        password: 'sandbox-argocd-password',
      }),
    }).then(r => r.json());
    const res = await fetch(`${argocd}/api/v1/applications/web`, {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toMatchObject({
      sync: { status: 'Synced', revision: firstCommit },
      health: { status: 'Healthy' },
    });
  });

  it('self-heals drift made by another field manager', async () => {
    await objects.patch(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'web-config', namespace: 'web-prod' },
        data: { greeting: 'tampered' },
      } as k8s.KubernetesObject,
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    await until(
      'self-heal',
      () =>
        live('v1', 'ConfigMap', 'web-prod', 'web-config')?.data.greeting ===
        'hello',
    );
    const healed = await until(
      'Synced again',
      () =>
        app('web')?.status?.sync?.status === 'Synced' &&
        app('web')?.status?.health?.status === 'Healthy' &&
        app('web')!.status,
    );
    expect(healed.history.length).toBe(2);
  });

  it('syncs a new commit after a refresh, pruning what the commit removed; drift alone compares with the revision compared last', async () => {
    const second = await repo.commitAndPush(
      {
        'deploy/config.yaml': MANIFESTS['deploy/config.yaml']
          .replace('hello', 'bonjour')
          .split('---')[0],
      },
      'second version',
    );
    // A change to a managed object is compared with the manifests compared last, without asking
    // git (ArgoCD's CompareWithRecent): self-heal restores them, the new commit waits for a refresh.
    await objects.patch(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'web-config', namespace: 'web-prod' },
        data: { greeting: 'tampered again' },
      } as k8s.KubernetesObject,
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    await until(
      'self-heal to the revision compared last',
      () =>
        app('web')?.status?.history?.length === 3 &&
        app('web')?.status?.operationState?.phase === 'Succeeded',
    );
    expect(live('v1', 'ConfigMap', 'web-prod', 'web-config')?.data).toEqual({
      greeting: 'hello',
    });
    expect(app('web')?.status?.sync?.revision).toBe(firstCommit);
    await objects.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'web',
          namespace: 'argocd',
          annotations: { 'argocd.argoproj.io/refresh': 'hard' },
        },
      } as k8s.KubernetesObject,
      undefined,
      undefined,
      'argocd-server',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    const s = await until('second revision synced', () => {
      const st = app('web')?.status;
      return (
        st?.sync?.revision === second &&
        st.sync.status === 'Synced' &&
        st.health?.status === 'Healthy' &&
        st
      );
    });
    // Each self-heal was a sync of its own, as in ArgoCD.
    expect(s.history.map((h: any) => h.revision)).toEqual([
      firstCommit,
      firstCommit,
      firstCommit,
      second,
    ]);
    expect(s.history[3].initiatedBy).toEqual({
      username: 'argocd-application-controller',
      automated: true,
    });
    expect(live('v1', 'ConfigMap', 'web-prod', 'web-config')?.data).toEqual({
      greeting: 'bonjour',
    });
    expect(live('v1', 'Service', 'web-prod', 'web')).toBeUndefined();
    expect(
      app('web')?.metadata.annotations?.['argocd.argoproj.io/refresh'],
    ).toBeUndefined();
  });

  it('fails the sync with a readable message when the namespace is missing and CreateNamespace is off', async () => {
    await apply(
      application('no-ns', repoURL, {
        namespace: 'absent',
        createNamespace: false,
      }),
    );
    const s = await until(
      'failed sync',
      () =>
        app('no-ns')?.status?.operationState?.phase === 'Failed' &&
        app('no-ns')!.status,
    );
    expect(s.operationState.message).toContain('namespaces "absent" not found');
    expect(s.sync.status).toBe('OutOfSync');
    expect(live('v1', 'Namespace', '', 'absent')).toBeUndefined();
  });

  it('leaves a manual Application OutOfSync until an operation asks for a sync', async () => {
    await apply(
      application('manual', repoURL, {
        namespace: 'manual-ns',
        automated: false,
      }),
    );
    await until(
      'OutOfSync and Missing',
      () =>
        app('manual')?.status?.sync?.status === 'OutOfSync' &&
        app('manual')?.status?.health?.status === 'Missing',
    );
    expect(live('v1', 'ConfigMap', 'manual-ns', 'web-config')).toBeUndefined();
    await objects.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'manual', namespace: 'argocd' },
        operation: {
          sync: { revision: 'main' },
          initiatedBy: { username: 'admin' },
        },
      } as k8s.KubernetesObject,
      undefined,
      undefined,
      'argocd-server',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    await until(
      'manual sync',
      () =>
        app('manual')?.status?.sync?.status === 'Synced' &&
        app('manual')?.status?.operationState?.phase === 'Succeeded',
    );
    expect(app('manual')?.status?.history?.[0].initiatedBy).toEqual({
      username: 'admin',
    });
    expect(live('v1', 'ConfigMap', 'manual-ns', 'web-config')).toBeDefined();
  });

  it('reports malformed YAML as a ComparisonError naming the file, document and line', async () => {
    await repo.commitAndPush(
      {
        'broken/bad.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkind: [unclosed\n',
      },
      'broken',
    );
    await apply(
      application('broken', repoURL, {
        namespace: 'broken-ns',
        path: 'broken',
      }),
    );
    const s = await until(
      'comparison error',
      () =>
        app('broken')?.status?.conditions?.[0]?.type === 'ComparisonError' &&
        app('broken')!.status,
    );
    expect(s.conditions[0].message).toMatch(/bad\.yaml: document 1, line \d+/);
    expect(s.sync.status).toBe('Unknown');
  });

  it('deletes the managed resources when an Application with the resources finalizer is deleted', async () => {
    await objects.delete({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'manual', namespace: 'argocd' },
    } as k8s.KubernetesObject);
    await until('application gone', () => !app('manual'));
    expect(live('v1', 'ConfigMap', 'manual-ns', 'web-config')).toBeUndefined();
    expect(live('v1', 'ConfigMap', 'web-prod', 'web-config')).toBeDefined();
  });
});
