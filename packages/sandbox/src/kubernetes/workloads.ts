import type { KubeCluster } from './cluster';

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Stands in for the controllers that report on workloads: after `delayMs`, a Deployment reports
 * all replicas available, a Job completes, a Pod runs. There are no ReplicaSets or real Pods;
 * only the status a client waits for.
 */
export function startWorkloadStatus(
  cluster: KubeCluster,
  delayMs: number,
): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      try {
        fn();
      } catch {
        // The object may be gone or changed meanwhile; the next event schedules again.
      }
    }, delayMs);
    timers.add(t);
  };
  const statusUpdate = (
    apiVersion: string,
    kind: string,
    obj: Record<string, any>,
    status: Record<string, any>,
  ) => {
    const type = cluster.type(apiVersion, kind);
    const current = cluster.find(
      type,
      obj.metadata.namespace,
      obj.metadata.name,
    );
    if (!current || current.metadata.uid !== obj.metadata.uid) return;
    cluster.update(
      type,
      obj.metadata.namespace,
      obj.metadata.name,
      { ...current, status },
      {
        subresource: 'status',
        fieldManager: `${kind.toLowerCase()}-controller`,
      },
    );
  };

  const unsubscribe = cluster.store.subscribe(e => {
    if (e.type === 'DELETED') return;
    const obj = e.object;
    const generation = obj.metadata.generation;
    if (
      e.collection === 'deployments.apps' &&
      obj.status?.observedGeneration !== generation
    ) {
      later(() => {
        const replicas = obj.spec?.replicas ?? 1;
        statusUpdate('apps/v1', 'Deployment', obj, {
          observedGeneration: generation,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          conditions: [
            {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: timestamp(),
              lastTransitionTime: timestamp(),
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: `ReplicaSet "${obj.metadata.name}" has successfully progressed.`,
              lastUpdateTime: timestamp(),
              lastTransitionTime: timestamp(),
            },
          ],
        });
      });
    } else if (e.collection === 'jobs.batch' && !obj.status?.completionTime) {
      later(() =>
        statusUpdate('batch/v1', 'Job', obj, {
          startTime: obj.metadata.creationTimestamp,
          completionTime: timestamp(),
          succeeded: obj.spec?.completions ?? 1,
          conditions: [
            {
              type: 'Complete',
              status: 'True',
              lastProbeTime: timestamp(),
              lastTransitionTime: timestamp(),
            },
          ],
        }),
      );
    } else if (e.collection === 'pods' && !obj.status?.phase) {
      later(() =>
        statusUpdate('v1', 'Pod', obj, {
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: 'True', lastTransitionTime: timestamp() },
          ],
          startTime: timestamp(),
        }),
      );
    }
  });
  return () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
