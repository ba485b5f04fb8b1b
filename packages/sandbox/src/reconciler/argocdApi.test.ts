import type { Sandbox } from '../host/sandbox';
import type { KubeStandInState } from '../kubernetes';
import { startTestSandbox } from '../testing';
import { TestRepo } from './__testUtils__/testRepo';

// Real stand-ins (git processes, the CRD schema validators compiled on first use) on a shared
// two-core machine: allow for slow moments.
jest.setTimeout(30_000);

const FORGEJO_AUTH = { user: 'edp-bot', password: 'sandbox-forgejo-password' };

/** The ArgoCD REST API of an instance whose store is `kubernetes`: what the portal's cards call. */
describe('ArgoCD API over the Kubernetes store', () => {
  let sandbox: Sandbox;
  let state: KubeStandInState;
  let repo: TestRepo;
  let token: string;
  let commits: string[];

  beforeAll(async () => {
    sandbox = await startTestSandbox(['forgejo', 'kubernetes', 'argocd'], {
      services_config: {
        argocd: {
          instances: {
            alpha: {
              store: 'kubernetes',
              seed: [],
              users: [
                { username: 'admin', password: 'sandbox-argocd-password' },
              ],
              reconciler: {
                reconcileDelayMs: 0,
                fetchCacheMs: 0,
                git: {
                  username: FORGEJO_AUTH.user,
                  password: FORGEJO_AUTH.password,
                },
              },
            },
          },
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
      body: JSON.stringify({ name: 'api-e2e', private: true }),
    });
    if (created.status !== 201)
      throw new Error(`creating the repository failed: ${created.status}`);
    repo = new TestRepo(`${forgejo}/edp-bot/api-e2e.git`, FORGEJO_AUTH);
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {version: "${v}"}\n`;
    commits = [
      await repo.commitAndPush({ 'app/cm.yaml': cm('1') }, 'version one'),
      await repo.commitAndPush({ 'app/cm.yaml': cm('2') }, 'version two'),
    ];
    const session = await fetch(
      `${sandbox.endpoints.argocd.alpha}/api/v1/session`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          username: 'admin',
          password: 'sandbox-argocd-password',
        }),
      },
    ).then(r => r.json());
    token = session.token;
    const type = state.cluster.type('argoproj.io/v1alpha1', 'Application');
    state.cluster.create(type, 'argocd', {
      metadata: { name: 'api-app' },
      spec: {
        project: 'default',
        source: {
          repoURL: `${forgejo}/edp-bot/api-e2e.git`,
          path: 'app',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'api-ns',
        },
        syncPolicy: { syncOptions: ['CreateNamespace=true'] },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    repo?.remove();
  });

  const argocd = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.endpoints.argocd.alpha}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
  async function statusOf(predicate: (s: any) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const app = await argocd('/api/v1/applications/api-app').then(r =>
        r.json(),
      );
      if (predicate(app.status ?? {})) return app.status;
      if (Date.now() > deadline)
        throw new Error(`timed out; status: ${JSON.stringify(app.status)}`);
      await new Promise(r => setTimeout(r, 50));
    }
  }

  it('lists the Application created in Kubernetes, OutOfSync until synced', async () => {
    const list = await argocd('/api/v1/applications').then(r => r.json());
    expect(list.items.map((a: any) => a.metadata.name)).toEqual(['api-app']);
    const status = await statusOf(s => s.sync?.status === 'OutOfSync');
    expect(status.sync.revision).toBe(commits[1]);
  });

  it('syncs to an older revision on request, then to the target on a plain sync', async () => {
    const res = await argocd('/api/v1/applications/api-app/sync', {
      method: 'POST',
      body: JSON.stringify({ revision: commits[0] }),
    });
    expect(res.status).toBe(200);
    const first = await statusOf(
      s => s.operationState?.phase === 'Succeeded' && s.history?.length === 1,
    );
    expect(first.history[0]).toMatchObject({
      revision: commits[0],
      initiatedBy: { username: 'admin' },
    });
    const cmType = state.cluster.type('v1', 'ConfigMap');
    expect(state.cluster.get(cmType, 'api-ns', 'settings').data).toEqual({
      version: '1',
    });
    // Compared with the target (main) again after the sync, the Application is OutOfSync.
    const compared = await statusOf(
      s => s.sync?.status === 'OutOfSync' && s.history?.length === 1,
    );
    expect(compared.sync.revision).toBe(commits[1]);

    await argocd('/api/v1/applications/api-app/sync', {
      method: 'POST',
      body: '{}',
    });
    const second = await statusOf(
      s => s.history?.length === 2 && s.sync?.status === 'Synced',
    );
    expect(second.history[1].revision).toBe(commits[1]);
    expect(state.cluster.get(cmType, 'api-ns', 'settings').data).toEqual({
      version: '2',
    });
  });

  it('reads revision metadata from git', async () => {
    const res = await argocd(
      `/api/v1/applications/api-app/revisions/${commits[0]}/metadata`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      message: 'version one',
      author: 'EDP Test <test@sandbox.local>',
    });
  });
});
