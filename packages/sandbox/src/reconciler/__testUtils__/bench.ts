/**
 * Measures the reconciler: N Applications (each its own folder of manifests in one Forgejo
 * repository) applied through client-node, until all are Synced and Healthy (reconcileDelayMs 0),
 * then the same apply again, which must change nothing.
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/sandbox/src/reconciler/__testUtils__/bench.ts [apps=6]
 */
import * as k8s from '@kubernetes/client-node';
import type { KubeStandInState } from '../../kubernetes';
import { kubeConfigFor } from '../../kubernetes/__testUtils__/kubeConfig';
import { startTestSandbox } from '../../testing';
import { TestRepo } from './testRepo';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(count: number) {
  const sandbox = await startTestSandbox(['forgejo', 'kubernetes', 'argocd'], {
    services_config: {
      kubernetes: { workloadDelayMs: 0 },
      argocd: {
        store: 'kubernetes',
        reconciler: {
          reconcileDelayMs: 0,
          resyncIntervalMs: 60_000,
          git: { username: 'edp-bot', password: 'sandbox-forgejo-password' },
        },
        instances: {
          alpha: { seed: [], users: [{ username: 'admin', password: 'x' }] },
        },
      },
    },
  } as any);
  try {
    const forgejo = sandbox.endpoints.forgejo.api;
    await fetch(`${forgejo}/api/v1/user/repos`, {
      method: 'POST',
      headers: {
        Authorization: 'token sandbox-forgejo-token',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'bench-stack', private: true }),
    });
    const repoURL = `${forgejo}/edp-bot/bench-stack.git`;
    const repo = new TestRepo(repoURL, {
      user: 'edp-bot',
      password: 'sandbox-forgejo-password',
    });
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      files[
        `apps/app${i}/all.yaml`
      ] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {i: "${i}"}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}}\nspec:\n  selector: {matchLabels: {app: app${i}}}\n  template:\n    metadata: {labels: {app: app${i}}}\n    spec: {containers: [{name: c, image: "nginx:1.27"}]}\n`;
    }
    await repo.commitAndPush(files, 'bench');
    const objects = k8s.KubernetesObjectApi.makeApiClient(
      kubeConfigFor(sandbox.endpoints.kubernetes.api),
    );
    const { cluster } = sandbox.standIns.get('kubernetes')!
      .state as KubeStandInState;
    const type = cluster.type('argoproj.io/v1alpha1', 'Application');
    const applyAll = async () => {
      let changed = 0;
      for (let i = 0; i < count; i++) {
        const before = cluster.find(type, 'argocd', `app${i}`)?.metadata
          .resourceVersion;
        const after = await objects.patch(
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: { name: `app${i}`, namespace: 'argocd' },
            spec: {
              project: 'default',
              source: { repoURL, path: `apps/app${i}`, targetRevision: 'main' },
              destination: {
                server: 'https://kubernetes.default.svc',
                namespace: `ns${i}`,
              },
              syncPolicy: {
                automated: { selfHeal: true, prune: true },
                syncOptions: ['CreateNamespace=true'],
              },
            },
          } as k8s.KubernetesObject,
          undefined,
          undefined,
          'edp-bench',
          true,
          k8s.PatchStrategy.ServerSideApply,
        );
        if (after.metadata?.resourceVersion !== before) changed++;
      }
      return changed;
    };
    const ready = () =>
      cluster
        .list(type, 'argocd')
        .items.filter(
          a =>
            a.status?.sync?.status === 'Synced' &&
            a.status?.health?.status === 'Healthy',
        ).length === count;
    let t0 = Date.now();
    const changedFirst = await applyAll();
    while (!ready()) await new Promise(r => setTimeout(r, 10));
    out(
      `first run: ${count} applications applied (${changedFirst} changed) and Synced+Healthy in ${
        Date.now() - t0
      } ms`,
    );
    t0 = Date.now();
    const changedSecond = await applyAll();
    while (!ready()) await new Promise(r => setTimeout(r, 10));
    out(
      `second run: ${changedSecond} applications changed, all Synced+Healthy after ${
        Date.now() - t0
      } ms`,
    );
    repo.remove();
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  main(Number(process.argv[2] ?? 6)).catch(e => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}
