import os from 'node:os';
import path from 'node:path';
import type { Sandbox } from '../host/sandbox';
import { loadSandboxConfig } from '../host/config';
import type { KubeStandInState } from '../kubernetes';
import { builtInStandIns } from '../registry';
import { startTestSandbox } from '../testing';
import type { GitSources } from './git';
import { ApplicationReconciler } from './reconciler';

const application = (name: string) => ({
  metadata: { name },
  spec: {
    project: 'default',
    source: {
      repoURL: 'http://127.0.0.1:1/none.git',
      path: '.',
      targetRevision: 'main',
    },
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'default',
    },
  },
});

describe('ApplicationReconciler.stop', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox(['kubernetes']);
  });
  afterAll(() => sandbox?.stop());

  it('waits for a git fetch in flight, and writes nothing after it', async () => {
    const { cluster } = sandbox.standIns.get('kubernetes')!
      .state as KubeStandInState;
    let finishFetch!: () => void;
    let fetchStarted!: () => void;
    const started = new Promise<void>(r => (fetchStarted = r));
    const git = {
      checkout: () => {
        fetchStarted();
        return new Promise(
          (_, reject) =>
            (finishFetch = () => reject(new Error('repository gone'))),
        );
      },
    } as unknown as GitSources;
    const reconciler = new ApplicationReconciler(cluster, {
      reconcileDelayMs: 0,
      resyncIntervalMs: 60_000,
      git,
      cacheDir: os.tmpdir(),
      log: () => {},
    });
    reconciler.start();
    const type = cluster.type('argoproj.io/v1alpha1', 'Application');
    cluster.create(type, 'argocd', application('in-flight'));
    await started;

    let stopped = false;
    const stopping = reconciler.stop().then(() => (stopped = true));
    await new Promise(r => setTimeout(r, 50));
    expect(stopped).toBe(false);
    finishFetch();
    await stopping;
    // The failed fetch would record a ComparisonError; after stop() it leaves the Application alone.
    expect(cluster.get(type, 'argocd', 'in-flight').status).toBeUndefined();
  });
});

describe("the sandbox's own ArgoCD instances (sandbox.yaml)", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    const file = path.resolve(__dirname, '..', '..', 'sandbox.yaml');
    const config = loadSandboxConfig(
      file,
      builtInStandIns().map(s => s.name),
    );
    const argocd = config.services_config.argocd as any;
    sandbox = await startTestSandbox(['argocd'], {
      // Only the argocd section: the others name fixed ports (kubernetes.httpsPort) that tests must not take.
      services_config: { argocd: { ...argocd, alignWithForgejo: false } },
      ports: {},
      faults: {},
    });
  }, 60_000);
  afterAll(() => sandbox?.stop());

  const names = async (instance: string, query = '') => {
    const base = sandbox.endpoints.argocd[instance];
    const auth =
      instance === 'beta'
        ? 'sandbox-argocd-token-beta'
        : (
            await fetch(`${base}/api/v1/session`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({
                username: 'admin',
                password: 'sandbox-argocd-password',
              }),
            }).then(r => r.json())
          ).token;
    const list = await fetch(`${base}/api/v1/applications${query}`, {
      headers: { Authorization: `Bearer ${auth}` },
    }).then(r => r.json());
    return (list.items ?? []).map((a: any) => a.metadata.name) as string[];
  };

  it('shows Applications created in the Kubernetes stand-in on platform only; alpha, beta and gamma keep their seeds', async () => {
    const { cluster } = sandbox.standIns.get('kubernetes')!
      .state as KubeStandInState;
    const app = application('from-a-template');
    cluster.create(
      cluster.type('argoproj.io/v1alpha1', 'Application'),
      'argocd',
      {
        ...app,
        metadata: { ...app.metadata, labels: { 'edp.io/stack': 'ref' } },
      },
    );
    expect(await names('platform')).toEqual(['from-a-template']);
    // What the ArgoCD card of a stack asks (argocd/app-selector).
    expect(
      await names(
        'platform',
        `?selector=${encodeURIComponent('edp.io/stack=ref')}`,
      ),
    ).toEqual(['from-a-template']);
    for (const instance of ['alpha', 'beta', 'gamma']) {
      const seeded = await names(instance);
      expect(seeded).toContain('inventory');
      expect(seeded).not.toContain('from-a-template');
    }
  });
});
