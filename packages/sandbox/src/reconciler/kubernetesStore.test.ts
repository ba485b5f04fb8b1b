import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeApplicationStoreContract } from '../argocd/storeContract';
import { bootstrapCluster } from '../kubernetes';
import { KubernetesApplicationStore } from './kubernetesStore';

const settings = {
  reconcileDelayMs: 0,
  resyncIntervalMs: 60_000,
  fetchCacheMs: 0,
};

describeApplicationStoreContract('kubernetes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edp-kstore-'));
  return new KubernetesApplicationStore(
    bootstrapCluster(),
    settings,
    dir,
    () => {},
  );
});

describe('KubernetesApplicationStore', () => {
  it('shows Applications created through the Kubernetes API, and writes what ArgoCD writes as Kubernetes objects', async () => {
    const cluster = bootstrapCluster();
    const store = new KubernetesApplicationStore(
      cluster,
      settings,
      fs.mkdtempSync(path.join(os.tmpdir(), 'edp-kstore-')),
      () => {},
    );
    const type = cluster.type('argoproj.io/v1alpha1', 'Application');
    cluster.applyManifest(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'from-kube', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: { repoURL: 'http://x/y.git' },
          destination: { namespace: 'x' },
        },
      },
      { fieldManager: 'edp-stacks' },
    );
    expect((await store.list()).map(a => a.metadata.name)).toEqual([
      'from-kube',
    ]);
    const app = (await store.get('from-kube'))!;
    await store.upsert({
      ...app,
      operation: {
        sync: { revision: 'main' },
        initiatedBy: { username: 'admin' },
      },
    });
    expect(cluster.get(type, 'argocd', 'from-kube').operation).toEqual({
      sync: { revision: 'main' },
      initiatedBy: { username: 'admin' },
    });
  });
});
