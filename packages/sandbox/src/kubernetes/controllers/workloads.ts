import { createHash, randomBytes } from 'node:crypto';
import type { KubeCluster } from '../store/cluster';
import { deepEqual } from '../store/patch';
import type { ResourceType } from '../store/resources';

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

type Obj = Record<string, any>;

/** The hash the deployment controller puts in ReplicaSet names and the `pod-template-hash` label. */
function templateHash(template: unknown): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digest = createHash('sha256').update(JSON.stringify(template)).digest();
  return [...digest.subarray(0, 10)]
    .map(b => alphabet[b % alphabet.length])
    .join('');
}

const randomSuffix = () =>
  [...randomBytes(5)].map(b => 'bcdfghjklmnpqrstvwxz2456789'[b % 27]).join('');

const controllerRef = (owner: Obj, apiVersion: string, kind: string) => ({
  apiVersion,
  kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
});

const controllerUid = (obj: Obj): string | undefined =>
  (obj.metadata.ownerReferences ?? []).find((r: Obj) => r.controller)?.uid;

const isReady = (pod: Obj) =>
  (pod.status?.conditions ?? []).some(
    (c: Obj) => c.type === 'Ready' && c.status === 'True',
  );

/** `maxUnavailable` of a rolling update: a count or a percentage of the replicas, rounded down. */
function maxUnavailable(deployment: Obj, replicas: number): number {
  if (deployment.spec?.strategy?.type === 'Recreate') return 0;
  const value =
    deployment.spec?.strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof value === 'number') return value;
  const m = String(value).match(/^(\d+)%$/);
  return m ? Math.floor((replicas * Number(m[1])) / 100) : Number(value) || 0;
}

/** Conditions with the previous transition times kept when nothing changed, so a re-run writes nothing. */
function conditions(previous: Obj[] | undefined, next: Obj[]): Obj[] {
  return next.map(c => {
    const old = (previous ?? []).find(p => p.type === c.type);
    const same = old && old.status === c.status && old.reason === c.reason;
    const now = timestamp();
    return {
      ...c,
      lastUpdateTime: same ? old.lastUpdateTime : now,
      lastTransitionTime:
        old && old.status === c.status ? old.lastTransitionTime : now,
    };
  });
}

/**
 * Stands in for the controllers: a Deployment gets a ReplicaSet per pod template (old ones scaled
 * to zero), a ReplicaSet gets its Pods, a Pod becomes Running and Ready after `delayMs`, and the
 * Deployment reports Available only once enough of its Pods are Ready (so `kubectl rollout status`
 * waits like on a real cluster). A Job completes, a StatefulSet and a DaemonSet report ready after
 * `delayMs` (without Pods).
 */
export function startWorkloadStatus(
  cluster: KubeCluster,
  delayMs: number,
): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const pending = new Set<string>();
  const later = (fn: () => void, ms = delayMs, key?: string) => {
    if (key) {
      if (pending.has(key)) return;
      pending.add(key);
    }
    const t = setTimeout(() => {
      timers.delete(t);
      if (key) pending.delete(key);
      try {
        fn();
      } catch {
        // The object may be gone or changed meanwhile; the next event schedules again.
      }
    }, ms);
    timers.add(t);
  };
  const types = {
    deployment: cluster.type('apps/v1', 'Deployment'),
    replicaSet: cluster.type('apps/v1', 'ReplicaSet'),
    pod: cluster.type('v1', 'Pod'),
  };
  const writeStatus = (type: ResourceType, obj: Obj, status: Obj) => {
    const current = cluster.find(
      type,
      obj.metadata.namespace,
      obj.metadata.name,
    );
    if (!current || current.metadata.uid !== obj.metadata.uid) return;
    if (deepEqual(current.status ?? {}, status)) return;
    cluster.update(
      type,
      obj.metadata.namespace,
      obj.metadata.name,
      { ...current, status },
      {
        subresource: 'status',
        fieldManager: `${type.singular}-controller`,
      },
    );
  };
  const owned = (type: ResourceType, namespace: string, uid: string) =>
    cluster.list(type, namespace).items.filter(o => controllerUid(o) === uid);

  function reconcileDeployment(namespace: string, name: string): void {
    const d = cluster.find(types.deployment, namespace, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const replicas = d.spec?.replicas ?? 1;
    const hash = templateHash(d.spec?.template);
    const rsName = `${name}-${hash}`;
    const withHash = (labels: Obj | undefined) => ({
      ...(labels ?? {}),
      'pod-template-hash': hash,
    });
    for (const rs of owned(types.replicaSet, namespace, d.metadata.uid)) {
      if (rs.metadata.name !== rsName && (rs.spec?.replicas ?? 0) > 0) {
        cluster.update(
          types.replicaSet,
          namespace,
          rs.metadata.name,
          {
            ...rs,
            spec: { ...rs.spec, replicas: 0 },
          },
          { fieldManager: 'deployment-controller' },
        );
      }
    }
    const rs = cluster.find(types.replicaSet, namespace, rsName);
    if (!rs) {
      const template = d.spec?.template ?? {};
      cluster.create(
        types.replicaSet,
        namespace,
        {
          metadata: {
            name: rsName,
            namespace,
            labels: withHash(template.metadata?.labels),
            annotations: {
              'deployment.kubernetes.io/desired-replicas': String(replicas),
              'deployment.kubernetes.io/revision': String(
                owned(types.replicaSet, namespace, d.metadata.uid).length + 1,
              ),
            },
            ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')],
          },
          spec: {
            replicas,
            minReadySeconds: d.spec?.minReadySeconds,
            selector: {
              ...d.spec?.selector,
              matchLabels: withHash(d.spec?.selector?.matchLabels),
            },
            template: {
              ...template,
              metadata: {
                ...template.metadata,
                labels: withHash(template.metadata?.labels),
              },
            },
          },
        },
        { fieldManager: 'deployment-controller' },
      );
    } else if ((rs.spec?.replicas ?? 1) !== replicas) {
      cluster.update(
        types.replicaSet,
        namespace,
        rsName,
        { ...rs, spec: { ...rs.spec, replicas } },
        { fieldManager: 'deployment-controller' },
      );
    }
    deploymentStatus(d, rsName);
  }

  function deploymentStatus(d: Obj, rsName: string): void {
    const namespace = d.metadata.namespace;
    const sets = owned(types.replicaSet, namespace, d.metadata.uid);
    const sum = (field: string) =>
      sets.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
    const desired = d.spec?.replicas ?? 1;
    const current = sets.find(rs => rs.metadata.name === rsName);
    const updated = current?.status?.replicas ?? 0;
    const replicas = sum('replicas');
    const available = sum('availableReplicas');
    const ready = sum('readyReplicas');
    const complete =
      updated === desired && replicas === desired && available === desired;
    const status: Obj = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...(desired - available > 0
        ? { unavailableReplicas: desired - available }
        : {}),
      conditions: conditions(d.status?.conditions, [
        available >= desired - maxUnavailable(d, desired)
          ? {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
            }
          : {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
        {
          type: 'Progressing',
          status: 'True',
          reason: complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          message: complete
            ? `ReplicaSet "${rsName}" has successfully progressed.`
            : `ReplicaSet "${rsName}" is progressing.`,
        },
      ]),
    };
    for (const k of [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
    ])
      if (status[k] === 0) delete status[k];
    writeStatus(types.deployment, d, status);
  }

  function reconcileReplicaSet(namespace: string, name: string): void {
    const rs = cluster.find(types.replicaSet, namespace, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const desired = rs.spec?.replicas ?? 1;
    let pods = owned(types.pod, namespace, rs.metadata.uid);
    const template = rs.spec?.template ?? {};
    for (let i = pods.length; i < desired; i++) {
      const pod = cluster.create(
        types.pod,
        namespace,
        {
          metadata: {
            name: `${name}-${randomSuffix()}`,
            namespace,
            labels: template.metadata?.labels,
            annotations: template.metadata?.annotations,
            ownerReferences: [controllerRef(rs, 'apps/v1', 'ReplicaSet')],
          },
          spec: template.spec,
        },
        { fieldManager: 'replicaset-controller' },
      );
      pods = [...pods, pod];
    }
    if (pods.length > desired) {
      // Not-ready Pods go first, like the ReplicaSet controller's ranking.
      const extra = [...pods]
        .sort((a, b) => Number(isReady(a)) - Number(isReady(b)))
        .slice(0, pods.length - desired);
      for (const pod of extra)
        cluster.delete(types.pod, namespace, pod.metadata.name);
      pods = pods.filter(p => !extra.includes(p));
    }
    const ready = pods.filter(isReady).length;
    const status: Obj = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    // Like the controller: zero counts are left out, except `replicas`, which the status requires.
    for (const k of Object.keys(status))
      if (status[k] === 0 && k !== 'replicas') delete status[k];
    writeStatus(types.replicaSet, rs, status);
    const owner = (rs.metadata.ownerReferences ?? []).find(
      (r: Obj) => r.controller && r.kind === 'Deployment',
    );
    if (owner) scheduleDeployment(namespace, owner.name);
  }

  function scheduleDeployment(namespace: string, name: string): void {
    later(
      () => reconcileDeployment(namespace, name),
      0,
      `d/${namespace}/${name}`,
    );
  }
  const scheduleReplicaSet = (namespace: string, name: string) =>
    later(
      () => reconcileReplicaSet(namespace, name),
      0,
      `rs/${namespace}/${name}`,
    );

  const simpleStatus = (
    apiVersion: string,
    kind: string,
    obj: Obj,
    status: Obj,
  ) => writeStatus(cluster.type(apiVersion, kind), obj, status);

  const unsubscribe = cluster.store.subscribe(e => {
    const obj = e.object;
    const { namespace, name } = obj.metadata;
    const generation = obj.metadata.generation;
    const ownerRs = (obj.metadata.ownerReferences ?? []).find(
      (r: Obj) => r.controller && r.kind === 'ReplicaSet',
    );
    if (e.collection === 'pods' && ownerRs)
      scheduleReplicaSet(namespace, ownerRs.name);
    if (e.type === 'DELETED') return;
    if (e.collection === 'deployments.apps')
      scheduleDeployment(namespace, name);
    else if (e.collection === 'replicasets.apps')
      scheduleReplicaSet(namespace, name);
    else if (e.collection === 'jobs.batch' && !obj.status?.completionTime) {
      later(() =>
        simpleStatus('batch/v1', 'Job', obj, {
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
    } else if (
      e.collection === 'statefulsets.apps' &&
      obj.status?.observedGeneration !== generation
    ) {
      later(() => {
        const replicas = obj.spec?.replicas ?? 1;
        const revision = `${name}-${templateHash(obj.spec?.template)}`;
        simpleStatus('apps/v1', 'StatefulSet', obj, {
          observedGeneration: generation,
          replicas,
          readyReplicas: replicas,
          currentReplicas: replicas,
          updatedReplicas: replicas,
          availableReplicas: replicas,
          currentRevision: revision,
          updateRevision: revision,
          collisionCount: 0,
        });
      });
    } else if (
      e.collection === 'daemonsets.apps' &&
      obj.status?.observedGeneration !== generation
    ) {
      // One simulated node: a DaemonSet runs one Pod.
      later(() =>
        simpleStatus('apps/v1', 'DaemonSet', obj, {
          observedGeneration: generation,
          currentNumberScheduled: 1,
          desiredNumberScheduled: 1,
          numberMisscheduled: 0,
          numberReady: 1,
          numberAvailable: 1,
          updatedNumberScheduled: 1,
        }),
      );
    } else if (e.collection === 'pods' && !obj.status?.phase) {
      later(() =>
        simpleStatus('v1', 'Pod', obj, {
          phase: 'Running',
          conditions: [
            {
              type: 'Initialized',
              status: 'True',
              lastTransitionTime: timestamp(),
            },
            { type: 'Ready', status: 'True', lastTransitionTime: timestamp() },
            {
              type: 'ContainersReady',
              status: 'True',
              lastTransitionTime: timestamp(),
            },
            {
              type: 'PodScheduled',
              status: 'True',
              lastTransitionTime: timestamp(),
            },
          ],
          startTime: timestamp(),
          containerStatuses: (obj.spec?.containers ?? []).map((c: Obj) => ({
            name: c.name,
            image: c.image,
            imageID: '',
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: timestamp() } },
          })),
        }),
      );
    }
  });
  return () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    timers.clear();
    pending.clear();
  };
}
