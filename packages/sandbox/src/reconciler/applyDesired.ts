import type { KubeCluster } from '../kubernetes';
import { trackedObjects, type AppRef, type DesiredObject } from './compare';

export const CONTROLLER_MANAGER = 'argocd-controller';

export interface ApplyOutcome {
  /** One entry per object, as `operationState.syncResult.resources` lists them. */
  results: Array<Record<string, any>>;
  /** The first failure, `Kind/name: message`, when any object could not be applied. */
  failure?: string;
}

function liveOf(cluster: KubeCluster, d: DesiredObject) {
  const type = cluster.registry.byKind(d.object.apiVersion, d.kind);
  return type ? cluster.find(type, d.namespace, d.name) : undefined;
}

function resultOf(d: DesiredObject, status: string, message: string) {
  return {
    group: d.group,
    version: d.version,
    kind: d.kind,
    namespace: d.namespace ?? '',
    name: d.name,
    status,
    message,
    hookPhase: status === 'Synced' ? 'Succeeded' : 'Failed',
    syncPhase: 'Sync',
  };
}

/**
 * The sync itself: server-side apply of every desired object (forcing, as the controller owns its
 * fields), the destination namespace first when CreateNamespace=true, then pruning of tracked
 * objects the source no longer has. A missing namespace fails the object, as in ArgoCD.
 */
export function applyDesired(
  cluster: KubeCluster,
  desired: DesiredObject[],
  options: {
    ref: AppRef;
    dryRun: boolean;
    prune: boolean;
    createNamespace?: string;
  },
): ApplyOutcome {
  const { dryRun } = options;
  const results: Array<Record<string, any>> = [];
  let failure: string | undefined;
  if (!dryRun && options.createNamespace) {
    cluster.applyManifest(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: options.createNamespace },
      },
      { fieldManager: CONTROLLER_MANAGER },
    );
  }
  for (const d of desired) {
    const existed = !!liveOf(cluster, d);
    try {
      cluster.applyManifest(d.object, {
        fieldManager: CONTROLLER_MANAGER,
        force: true,
        dryRun,
      });
      const verb = existed ? 'configured' : 'created';
      results.push(
        resultOf(
          d,
          'Synced',
          `${d.kind.toLowerCase()}/${d.name} ${verb}${
            dryRun ? ' (dry run)' : ''
          }`,
        ),
      );
    } catch (e) {
      const message = (e as Error).message;
      failure = failure ?? `${d.kind}/${d.name}: ${message}`;
      results.push(resultOf(d, 'SyncFailed', message));
    }
  }
  if (!failure && options.prune && !dryRun) {
    const wanted = new Set(
      desired.map(d => `${d.kind}/${d.namespace ?? ''}/${d.name}`),
    );
    for (const o of trackedObjects(cluster, options.ref)) {
      if (wanted.has(`${o.kind}/${o.namespace ?? ''}/${o.name}`)) continue;
      try {
        cluster.delete(cluster.type(o.apiVersion, o.kind), o.namespace, o.name);
        const [group, version] = o.apiVersion.includes('/')
          ? o.apiVersion.split('/')
          : ['', o.apiVersion];
        results.push({
          group,
          version,
          kind: o.kind,
          namespace: o.namespace ?? '',
          name: o.name,
          status: 'Pruned',
          message: 'pruned',
        });
      } catch {
        // already gone
      }
    }
  }
  return { results, failure };
}
